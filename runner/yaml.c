/* libyaml node helpers shared by the pipeline loader, its serve keys and the test files. */
#include "yaml.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"

/* Where the nesting of text first passes NP_YAML_MAX_DEPTH, or a zero mark (also when libyaml
 * finds a syntax error first: the loader reports it). */
static np_mark too_deep(const np_buf *text)
{
    yaml_parser_t parser;
    np_mark at = {0, 0};
    if (!yaml_parser_initialize(&parser)) return at;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text->data, text->len);
    for (int depth = 0, done = 0; !done;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) break;
        yaml_event_type_t t = e.type;
        if ((t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) &&
            ++depth > NP_YAML_MAX_DEPTH) {
            at = (np_mark){(unsigned)e.start_mark.line + 1, (unsigned)e.start_mark.column + 1};
            done = 1;
        }
        if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) depth--;
        if (t == YAML_STREAM_END_EVENT) done = 1;
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&parser);
    return at;
}

int np__yaml_read(const char *file, size_t max_size, np_buf *text, np_diag *d)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    /* Read one byte past the limit to know it is passed (a FIFO has no size to ask). */
    int rc = 0;
    while (rc == 0 && text->len <= max_size) {
        if (np_buf_reserve(text, 65536) < 0) {
            errno = ENOMEM;
            rc = -1;
            break;
        }
        ssize_t k = read(fd, text->data + text->len, text->cap - text->len - 1);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) rc = -1;
        if (k <= 0) break;
        text->len += (size_t)k;
        text->data[text->len] = '\0';
    }
    int e = errno;
    close(fd);
    errno = e;
    if (rc < 0) return -1;
    if (text->len > max_size) {
        np__diag_add(d, (np_mark){0, 0}, NP_EX_CONFIG,
                     "larger than %zu MiB: refused before parsing (is it the right file?)",
                     max_size >> 20);
        return -2;
    }
    if (np_buf_reserve(text, 1) < 0) { /* an empty file: data must not be NULL */
        errno = ENOMEM;
        return -1;
    }
    np_mark m = too_deep(text);
    if (m.line) {
        np__diag_add(d, m, NP_EX_CONFIG,
                     "lists and mappings nested more than %d deep: refused before parsing "
                     "(libyaml's time grows with the square of the depth)",
                     NP_YAML_MAX_DEPTH);
        return -2;
    }
    return 0;
}

void np__yaml_one_document(yaml_parser_t *parser, np_diag *d)
{
    yaml_document_t more;
    if (!yaml_parser_load(parser, &more)) {
        np__diag_add(d,
                     (np_mark){(unsigned)parser->problem_mark.line + 1,
                               (unsigned)parser->problem_mark.column + 1},
                     NP_EX_CONFIG, "YAML syntax: %s", parser->problem ? parser->problem : "error");
        return;
    }
    const yaml_node_t *root = yaml_document_get_root_node(&more);
    if (root)
        np__diag_add(
            d, (np_mark){(unsigned)more.start_mark.line + 1, (unsigned)more.start_mark.column + 1},
            NP_EX_CONFIG,
            "a second YAML document: the file must hold one (no '---' after "
            "the first)");
    yaml_document_delete(&more);
}

np_mark np__yaml_mark(const yaml_node_t *n)
{
    return (np_mark){(unsigned)n->start_mark.line + 1, (unsigned)n->start_mark.column + 1};
}

const char *np__yaml_text(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : "";
}

int np__yaml_is_plain(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

int np__yaml_is_null(const yaml_node_t *n)
{
    if (!np__yaml_is_plain(n)) return 0;
    const char *s = np__yaml_text(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int is_word(const yaml_node_t *n, const char *lower, const char *title, const char *upper)
{
    if (!np__yaml_is_plain(n)) return 0;
    const char *s = np__yaml_text(n);
    return !strcmp(s, lower) || !strcmp(s, title) || !strcmp(s, upper);
}

int np__yaml_is_true(const yaml_node_t *n)
{
    return is_word(n, "true", "True", "TRUE");
}

int np__yaml_is_false(const yaml_node_t *n)
{
    return is_word(n, "false", "False", "FALSE");
}

const char *np__yaml_kind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return np__yaml_is_null(n) ? "nothing" : "a scalar";
    }
}
