"""Widgets that draw the alignment: table, delegates, alignment map, renderings chart."""
