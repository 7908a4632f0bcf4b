/* libyaml node helpers shared by the pipeline loader, its serve keys and the test files. */
#include "yaml.h"

#include <string.h>

np_mark np_yaml_mark(const yaml_node_t *n)
{
    return (np_mark){(unsigned)n->start_mark.line + 1, (unsigned)n->start_mark.column + 1};
}

const char *np_yaml_text(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : "";
}

int np_yaml_is_plain(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

int np_yaml_is_null(const yaml_node_t *n)
{
    if (!np_yaml_is_plain(n)) return 0;
    const char *s = np_yaml_text(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int is_word(const yaml_node_t *n, const char *lower, const char *title, const char *upper)
{
    if (!np_yaml_is_plain(n)) return 0;
    const char *s = np_yaml_text(n);
    return !strcmp(s, lower) || !strcmp(s, title) || !strcmp(s, upper);
}

int np_yaml_is_true(const yaml_node_t *n)
{
    return is_word(n, "true", "True", "TRUE");
}

int np_yaml_is_false(const yaml_node_t *n)
{
    return is_word(n, "false", "False", "FALSE");
}

const char *np_yaml_kind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return np_yaml_is_null(n) ? "nothing" : "a scalar";
    }
}
