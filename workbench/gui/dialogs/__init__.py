"""Dialogs: new project, export TMX/PO, glossary editor, dismiss reason."""
