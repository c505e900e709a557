#include "exportal_cmark.h"
#include "exportal_scan.h"

#include <pthread.h>
#include <cmark-gfm/node.h>
#include <cmark-gfm/render.h>
#include <cmark-gfm/syntax_extension.h>
#include <cmark-gfm_version.h>

const uint8_t *exportal_node_literal(struct cmark_node *node, size_t *length) {
  switch (node->type) {
  case CMARK_NODE_TEXT:
  case CMARK_NODE_CODE:
  case CMARK_NODE_HTML_INLINE:
    *length = (size_t)node->as.literal.len;
    return node->as.literal.data;
  default:
    *length = 0;
    return NULL;
  }
}

/// `bytes` escaped as cmark-gfm's HTML renderer escapes text, with a line feed as `newline`. The
/// scanner finds the bytes to escape sixteen at a time; everything between them is one copy.
static void put_escaped(cmark_strbuf *html, const uint8_t *bytes, size_t length, unsigned char newline) {
  size_t start = 0;
  while (start < length) {
    size_t index = exportal_next_special(bytes, start, length);
    cmark_strbuf_put(html, bytes + start, (bufsize_t)(index - start));
    if (index == length) {
      return;
    }
    switch (bytes[index]) {
    case '\n': cmark_strbuf_putc(html, newline); break;
    case '&': cmark_strbuf_puts(html, "&amp;"); break;
    case '<': cmark_strbuf_puts(html, "&lt;"); break;
    case '>': cmark_strbuf_puts(html, "&gt;"); break;
    default: cmark_strbuf_puts(html, "&quot;"); break;
    }
    start = index + 1;
  }
}

/// The HTML renderer hands a node with an extension to that extension's render function before
/// it looks at the node's kind; text is a leaf, so it is entered once and never exited.
static void render_run(cmark_syntax_extension *extension, struct cmark_html_renderer *renderer,
                       cmark_node *node, cmark_event_type event, int options) {
  (void)extension;
  (void)options;
  const exportal_linked_run *run = node->user_data;
  if (event != CMARK_EVENT_ENTER || run == NULL) {
    return;
  }
  for (size_t index = 0; index < run->count; index++) {
    const exportal_piece *piece = &run->pieces[index];
    const uint8_t *bytes = piece->source == EXPORTAL_FROM_ADDRESS ? (const uint8_t *)(uintptr_t)piece->at
        : (piece->source == EXPORTAL_FROM_OWN ? run->own : run->text) + piece->at;
    switch (piece->kind) {
    case EXPORTAL_PIECE_HTML: cmark_strbuf_put(renderer->html, bytes, (bufsize_t)piece->length); break;
    case EXPORTAL_PIECE_LABEL: put_escaped(renderer->html, bytes, piece->length, ' '); break;
    default: put_escaped(renderer->html, bytes, piece->length, '\n'); break;
    }
  }
}

/// Never attached to a parser, so it parses nothing; it only renders the nodes given it.
static cmark_syntax_extension *run_extension;
static pthread_once_t run_extension_once = PTHREAD_ONCE_INIT;

static void make_run_extension(void) {
  run_extension = cmark_syntax_extension_new("exportal-linked-run");
  cmark_syntax_extension_set_html_render_func(run_extension, render_run);
}

int exportal_render_text_as_run(struct cmark_node *node, const exportal_linked_run *run) {
  if (node->type != CMARK_NODE_TEXT) {
    return 0;
  }
  pthread_once(&run_extension_once, make_run_extension);
  // Freeing a node calls its extension's opaque_free_func, which this extension does not have,
  // and its user data's free function, which is not set: the run stays the caller's.
  node->user_data = (void *)run;
  node->extension = run_extension;
  return 1;
}

int exportal_cmark_layout_matches(void) {
  return cmark_version() == CMARK_GFM_VERSION;
}
