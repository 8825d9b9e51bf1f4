"""One module per file format: plain text, XCES, TMX, TBX, PO, CSV; plus the safe XML parser."""
