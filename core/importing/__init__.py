"""Importing an existing document (Word .docx, text) into a new report.

source.py reads the file into lines, outline.py turns the lines into the report's section tree
the way a secretary reads it, numbers.py binds the numbers in the text to the ledger's metrics,
service.py previews and writes the report. Nothing here knows Flask.
"""
