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

/// One piece of a linked run's HTML: the run's own text, escaped as cmark escapes text (a line
/// feed stays one, as a soft break renders); a label, escaped the same way but with a line feed
/// as a space; or HTML as it is. Its bytes are at offset `at` of the run's text (`source` 0) or of
/// the bytes the linker wrote (1), or at the address `at` (2): bytes the linker keeps, such as a
/// target's tags, which stay where they are until the document has been rendered.
enum {
  EXPORTAL_PIECE_TEXT = 0,
  EXPORTAL_PIECE_LABEL = 1,
  EXPORTAL_PIECE_HTML = 2,
};

enum {
  EXPORTAL_FROM_TEXT = 0,
  EXPORTAL_FROM_OWN = 1,
  EXPORTAL_FROM_ADDRESS = 2,
};

typedef struct {
  uint64_t at;
  uint32_t length;
  uint8_t kind;
  uint8_t source;
} exportal_piece;

/// A run of text as the linker changed it: the pieces its HTML and plain text are made of.
typedef struct {
  const uint8_t *text;
  const uint8_t *own;
  const exportal_piece *pieces;
  size_t count;
} exportal_linked_run;

/// Makes a text node render as `run` instead of as its own escaped text, writing the run's
/// pieces straight into cmark's HTML. The node keeps its place, kind and literal, so containers
/// that accept only certain inlines (table cells) keep it too; its user data becomes `run`.
/// Nothing is copied: `run` and the bytes it points to must stay as they are until the document
/// has been rendered. Returns 0, and changes nothing, when the node is not a text node.
int exportal_render_text_as_run(struct cmark_node *node, const exportal_linked_run *run);

/// 1 when the cmark-gfm loaded is the version whose headers this was compiled against.
int exportal_cmark_layout_matches(void);

#endif
