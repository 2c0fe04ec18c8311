"""Where reports are written: kinds and outlines, the section tree, numbering, merged numbers, preview."""
