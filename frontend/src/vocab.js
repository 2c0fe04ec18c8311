// Vocabulary shared with the server, copied from data_models/ and checked against it by
// tests/test_node_types.py: a renamed value there fails that test instead of breaking the editor.

// The section tree (data_models/report.py: NodeType, TEXT_FIELDS).
export const NODE_TYPES = ['preamble', 'part', 'section', 'subsection', 'item', 'shortcomings', 'closing'];
export const TEXT_FIELDS = ['heading', 'lead', 'body'];

// A version's PDF (data_models/rendering.py: PdfState), as the editor's render JSON reports it.
export const PDF_STATE = Object.freeze({ PENDING: 'pending', DONE: 'done', FAILED: 'failed', UNAVAILABLE: 'unavailable' });
