#include "exportal_cmark.h"

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

/// The HTML renderer hands a node with an extension to that extension's render function before
/// it looks at the node's kind; text is a leaf, so it is entered once and never exited.
static void render_as_is(cmark_syntax_extension *extension, struct cmark_html_renderer *renderer,
                         cmark_node *node, cmark_event_type event, int options) {
  (void)extension;
  (void)options;
  if (event == CMARK_EVENT_ENTER) {
    cmark_strbuf_put(renderer->html, node->as.literal.data, node->as.literal.len);
  }
}

/// Never attached to a parser, so it parses nothing; it only renders the nodes given it.
static cmark_syntax_extension *as_is_extension;
static pthread_once_t as_is_once = PTHREAD_ONCE_INIT;

static void make_as_is_extension(void) {
  as_is_extension = cmark_syntax_extension_new("exportal-html-as-is");
  cmark_syntax_extension_set_html_render_func(as_is_extension, render_as_is);
}

int exportal_render_text_as_html(struct cmark_node *node, const uint8_t *html, size_t length) {
  if (node->type != CMARK_NODE_TEXT || length > (size_t)INT32_MAX) {
    return 0;
  }
  pthread_once(&as_is_once, make_as_is_extension);
  // A literal cmark allocated is freed now; one that points into its block's buffer is not ours.
  // The new one is marked as not allocated, so freeing the node leaves `html` alone. Freeing a
  // node calls its extension's opaque_free_func, which this extension does not have.
  cmark_chunk_free(cmark_node_mem(node), &node->as.literal);
  node->as.literal.data = (unsigned char *)html;
  node->as.literal.len = (bufsize_t)length;
  node->as.literal.alloc = 0;
  node->extension = as_is_extension;
  return 1;
}

int exportal_cmark_layout_matches(void) {
  return cmark_version() == CMARK_GFM_VERSION;
}
