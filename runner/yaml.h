/* Reading libyaml document nodes the way every newspipe YAML file is read (pipeline files,
 * their serve keys, test files): the position of a node for error messages, and the plain
 * scalars YAML gives a meaning to (null, true, false). Knows nothing of what any key means. */
#ifndef NP_RUNNER_YAML_H
#define NP_RUNNER_YAML_H

#include <yaml.h>

#include "diag.h"

/* Where node n starts in its file (1-based line and column). */
np_mark np_yaml_mark(const yaml_node_t *n);

/* A scalar's text; "" for a list or a mapping. */
const char *np_yaml_text(const yaml_node_t *n);

/* A scalar written without quotes or block style: only these can be null, true or false. */
int np_yaml_is_plain(const yaml_node_t *n);
/* Plain "", "~", null, Null or NULL. */
int np_yaml_is_null(const yaml_node_t *n);
/* Plain true, True or TRUE. */
int np_yaml_is_true(const yaml_node_t *n);
/* Plain false, False or FALSE. */
int np_yaml_is_false(const yaml_node_t *n);

/* What n is, for messages: "a list", "a mapping", "nothing" (null) or "a scalar". */
const char *np_yaml_kind(const yaml_node_t *n);

#endif
