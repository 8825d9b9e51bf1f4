"""Glossary model, per-language term matching and terminology drift findings."""
