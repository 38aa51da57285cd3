"""The Textual front end of Broadsheet."""
