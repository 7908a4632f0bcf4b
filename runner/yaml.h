/* Reading libyaml document nodes the way every newspipe YAML file is read (pipeline files,
 * their serve keys, test files): the position of a node for error messages, and the plain
 * scalars YAML gives a meaning to (null, true, false). Knows nothing of what any key means. */
#ifndef NP_RUNNER_YAML_H
#define NP_RUNNER_YAML_H

#include <yaml.h>

#include "buf.h"
#include "diag.h"

/* The deepest nesting of lists and mappings a newspipe YAML file may have. libyaml's time
 * grows with the square of the nesting ([[[[... 20,000 levels deep: 0.5 s; 40,000: 2.3 s;
 * 100,000: 42 s), and serve re-reads its file on SIGHUP in its event loop; real files nest
 * fewer than 10 levels. */
#define NP_YAML_MAX_DEPTH    64
#define NP_YAML_MAX_PIPELINE (1u << 20)  /* bytes: a pipeline file */
#define NP_YAML_MAX_TESTS    (16u << 20) /* bytes: a test file, which holds its cases' records */

/* Reads file whole into text (for yaml_parser_set_input_string) and checks, before libyaml
 * builds anything from it, that it is at most max_size bytes and nested at most
 * NP_YAML_MAX_DEPTH deep (a first pass over libyaml's events that stops at the limit, so
 * its cost stays linear). A YAML syntax error is left for the loader to report. Returns 0;
 * -1 with errno when the file cannot be read (nothing recorded); or -2 after recording the
 * limit passed in d (78, at the line where the nesting passes the limit). */
int np__yaml_read(const char *file, size_t max_size, np_buf *text, np_diag *d);

/* After the file's first document was loaded from parser: records in d a second document
 * (what a "---" line starts; every newspipe file holds one, and the rest would be ignored
 * unread) or a YAML syntax error after the first. */
void np__yaml_one_document(yaml_parser_t *parser, np_diag *d);

/* Where node n starts in its file (1-based line and column). */
np_mark np__yaml_mark(const yaml_node_t *n);

/* A scalar's text; "" for a list or a mapping. */
const char *np__yaml_text(const yaml_node_t *n);

/* A scalar written without quotes or block style: only these can be null, true or false. */
int np__yaml_is_plain(const yaml_node_t *n);
/* Plain "", "~", null, Null or NULL. */
int np__yaml_is_null(const yaml_node_t *n);
/* Plain true, True or TRUE. */
int np__yaml_is_true(const yaml_node_t *n);
/* Plain false, False or FALSE. */
int np__yaml_is_false(const yaml_node_t *n);

/* What n is, for messages: "a list", "a mapping", "nothing" (null) or "a scalar". */
const char *np__yaml_kind(const yaml_node_t *n);

#endif
