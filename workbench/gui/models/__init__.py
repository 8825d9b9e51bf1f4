"""Qt item models over the core: alignment table, findings, glossary."""
