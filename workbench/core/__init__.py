"""Pure-Python core: documents, segments, alignments, edits with history, projects."""
