// The section tree's vocabulary, a copy of data_models/report.py (NodeType, TEXT_FIELDS):
// tests/test_vocab_frontend.py checks that the two agree.
export const NODE_TYPES = ['preamble', 'part', 'section', 'subsection', 'item', 'shortcomings', 'closing'];
export const TEXT_FIELDS = ['heading', 'lead', 'body'];
