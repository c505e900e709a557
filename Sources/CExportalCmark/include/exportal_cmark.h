#ifndef EXPORTAL_CMARK_H
#define EXPORTAL_CMARK_H

#include <stddef.h>
#include <stdint.h>

/// Two things cmark-gfm's public API cannot do without copying, done through the node layout in
/// the headers of the same package (libcmark-gfm-dev installs them under cmark-gfm/). The library's
/// soname names its exact version, so a binary only ever loads the library it was compiled against;
/// `exportal_cmark_layout_matches` checks that too.

struct cmark_node;

/// The literal of a text, code or inline HTML node, where cmark keeps it, and its length in bytes.
/// `cmark_node_get_literal` copies a literal that points into its block's buffer into a new
/// NUL-terminated allocation the first time it is asked; this reads it in place. NULL, with a
/// length of 0, for other kinds of node.
const uint8_t *exportal_node_literal(struct cmark_node *node, size_t *length);

/// Makes a text node render as `html`, as it is, instead of as its escaped text. The node keeps
/// its place and kind, so containers that accept only certain inlines (table cells) keep it too.
/// `html` is not copied: it must stay as it is until the document has been rendered, and cmark
/// never frees it. Returns 0, and changes nothing, when the node is not a text node.
int exportal_render_text_as_html(struct cmark_node *node, const uint8_t *html, size_t length);

/// 1 when the cmark-gfm loaded is the version whose headers this was compiled against.
int exportal_cmark_layout_matches(void);

#endif
