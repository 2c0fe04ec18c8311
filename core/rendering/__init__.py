"""Where the Word file is built: official-format .docx (GB/T 9704), format checks, PDF."""
