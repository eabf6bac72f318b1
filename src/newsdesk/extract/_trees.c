/* The body model's tree walk in C (optional: newsdesk falls back to the numpy walk).
 *
 * leaf_values(rows, roots, feature, split, children, value, steps, out) writes, for every
 * row i and tree t, the value of the leaf row i reaches in tree t into out[i, t]. It walks
 * exactly as html/_model.py's Trees numpy walk does: `steps` steps from the root, going to
 * children[2 * node + 1] (left) when (double)row[feature[node]] <= split[node] and to
 * children[2 * node] (right) otherwise, NaN included; a leaf points to itself on both
 * sides. numpy then sums out's rows, so scores are bit-identical to the numpy walk's.
 *
 * Arrays are taken through the buffer protocol (no numpy headers): rows float32 or
 * float64 (n, width); roots, feature intp; children intp (2 * nodes); split, value
 * float64 (nodes); out float64 (n, trees), C-contiguous and writable. Every shape and
 * every node id is checked before the walk, so a corrupt model raises ValueError instead
 * of reading out of bounds. The GIL is released during the walk.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef Py_ssize_t idx_t;

/* The format character of a buffer, skipping a byte-order/size prefix ('@', '=', '<'). */
static char
format_char(const Py_buffer *view)
{
    const char *f = view->format ? view->format : "B";
    if (*f == '@' || *f == '=' || *f == '<' || *f == '>' || *f == '!') {
        if (*f == '>' || *f == '!') {
            return '?'; /* big-endian: refuse */
        }
        f++;
    }
    if (f[0] == '\0' || f[1] != '\0') {
        return '?';
    }
    return f[0];
}

static int
is_float64(const Py_buffer *view)
{
    return format_char(view) == 'd' && view->itemsize == 8;
}

static int
is_intp(const Py_buffer *view)
{
    char c = format_char(view);
    return (c == 'l' || c == 'q' || c == 'n') && view->itemsize == (idx_t)sizeof(idx_t);
}

static int
get_buffer(PyObject *obj, Py_buffer *view, int ndim, int writable, const char *name)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError, "%s: expected a C-contiguous%s array", name,
                     writable ? " writable" : "");
        return -1;
    }
    if (view->ndim != ndim) {
        PyErr_Format(PyExc_ValueError, "%s: expected %d dimension(s), got %d", name, ndim,
                     view->ndim);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* One walk per row type: eight rows side by side per tree (the processor overlaps their
 * eight chains of dependent loads), then the rows left over one at a time. */
#define DEFINE_WALK(NAME, ROW_T)                                                           \
    static void NAME(const ROW_T *rows, idx_t n, idx_t width, const idx_t *roots,         \
                     idx_t trees, const idx_t *feature, const double *split,              \
                     const idx_t *children, const double *value, idx_t steps, double *out) \
    {                                                                                      \
        idx_t whole = n - n % 8;                                                           \
        for (idx_t t = 0; t < trees; t++) {                                                \
            idx_t root = roots[t];                                                         \
            for (idx_t i = 0; i < whole; i += 8) {                                         \
                const ROW_T *r = rows + i * width;                                         \
                idx_t a[8] = {root, root, root, root, root, root, root, root};             \
                for (idx_t s = 0; s < steps; s++) {                                        \
                    for (int k = 0; k < 8; k++) {                                          \
                        idx_t node = a[k];                                                 \
                        double x = (double)r[k * width + feature[node]];                   \
                        a[k] = children[2 * node + (x <= split[node])];                    \
                    }                                                                      \
                }                                                                          \
                for (int k = 0; k < 8; k++) {                                              \
                    out[(i + k) * trees + t] = value[a[k]];                                \
                }                                                                          \
            }                                                                              \
            for (idx_t i = whole; i < n; i++) {                                            \
                const ROW_T *r = rows + i * width;                                         \
                idx_t node = root;                                                         \
                for (idx_t s = 0; s < steps; s++) {                                        \
                    node = children[2 * node + ((double)r[feature[node]] <= split[node])]; \
                }                                                                          \
                out[i * trees + t] = value[node];                                          \
            }                                                                              \
        }                                                                                  \
    }

DEFINE_WALK(walk_float32, float)
DEFINE_WALK(walk_float64, double)

/* Whether any of a[0..count) is outside [0, limit): one pass with no branch, which the
 * compiler vectorises (the check runs on every call, so it must cost little next to the
 * walk). A negative id becomes a huge unsigned one. */
static int
any_outside(const idx_t *a, idx_t count, idx_t limit)
{
    size_t bad = 0;
    for (idx_t i = 0; i < count; i++) {
        bad |= (size_t)a[i] >= (size_t)limit;
    }
    return bad != 0;
}

/* The first of a[0..count) outside [0, limit) (only called once any_outside said so). */
static idx_t
first_outside(const idx_t *a, idx_t count, idx_t limit)
{
    idx_t i = 0;
    while (i < count - 1 && (size_t)a[i] < (size_t)limit) {
        i++;
    }
    return i;
}

/* -1 with ValueError set when a node id or feature column is out of range. */
static int
check_nodes(const Py_buffer *roots, const Py_buffer *feature, const Py_buffer *children,
            idx_t width)
{
    idx_t nodes = feature->shape[0], trees = roots->shape[0];
    const idx_t *r = roots->buf, *f = feature->buf, *c = children->buf;
    if (any_outside(r, trees, nodes)) {
        idx_t i = first_outside(r, trees, nodes);
        PyErr_Format(PyExc_ValueError, "tree %zd: root %zd is outside the node table", i, r[i]);
        return -1;
    }
    if (any_outside(f, nodes, width)) {
        idx_t i = first_outside(f, nodes, width);
        PyErr_Format(PyExc_ValueError,
                     "node %zd tests feature column %zd; the rows have %zd columns", i, f[i],
                     width);
        return -1;
    }
    if (any_outside(c, 2 * nodes, nodes)) {
        idx_t i = first_outside(c, 2 * nodes, nodes);
        PyErr_Format(PyExc_ValueError, "node %zd: child %zd is outside the node table", i / 2,
                     c[i]);
        return -1;
    }
    return 0;
}

static PyObject *
leaf_values(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *objs[7];
    idx_t steps;
    static const char *names[7] = {"rows", "roots", "feature", "split",
                                   "children", "value", "out"};
    static const int ndims[7] = {2, 1, 1, 1, 1, 1, 2};
    Py_buffer views[7];
    int got = 0;
    PyObject *result = NULL;

    if (!PyArg_ParseTuple(args, "OOOOOOnO:leaf_values", &objs[0], &objs[1], &objs[2], &objs[3],
                          &objs[4], &objs[5], &steps, &objs[6])) {
        return NULL;
    }
    for (; got < 7; got++) {
        if (get_buffer(objs[got], &views[got], ndims[got], got == 6, names[got]) < 0) {
            goto done;
        }
    }
    Py_buffer *rows = &views[0], *roots = &views[1], *feature = &views[2], *split = &views[3];
    Py_buffer *children = &views[4], *value = &views[5], *out = &views[6];
    int rows64 = is_float64(rows);
    if (!rows64 && !(format_char(rows) == 'f' && rows->itemsize == 4)) {
        PyErr_SetString(PyExc_ValueError, "rows: expected float32 or float64");
        goto done;
    }
    if (!is_intp(roots) || !is_intp(feature) || !is_intp(children)) {
        PyErr_SetString(PyExc_ValueError, "roots, feature, children: expected intp arrays");
        goto done;
    }
    if (!is_float64(split) || !is_float64(value) || !is_float64(out)) {
        PyErr_SetString(PyExc_ValueError, "split, value, out: expected float64 arrays");
        goto done;
    }
    idx_t n = rows->shape[0], width = rows->shape[1], trees = roots->shape[0];
    idx_t nodes = feature->shape[0];
    if (split->shape[0] != nodes || value->shape[0] != nodes ||
        children->shape[0] != 2 * nodes) {
        PyErr_Format(PyExc_ValueError,
                     "node arrays disagree: %zd features, %zd splits, %zd values, %zd children "
                     "(expected two per node)",
                     nodes, split->shape[0], value->shape[0], children->shape[0]);
        goto done;
    }
    if (out->shape[0] != n || out->shape[1] != trees) {
        PyErr_Format(PyExc_ValueError, "out: expected shape (%zd, %zd), got (%zd, %zd)", n,
                     trees, out->shape[0], out->shape[1]);
        goto done;
    }
    if (steps < 0) {
        PyErr_SetString(PyExc_ValueError, "steps: expected a count of steps >= 0");
        goto done;
    }
    if (n > 0 && trees > 0) {
        if (nodes == 0 || check_nodes(roots, feature, children, width) < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "trees without nodes");
            }
            goto done;
        }
        Py_BEGIN_ALLOW_THREADS
        if (rows64) {
            walk_float64(rows->buf, n, width, roots->buf, trees, feature->buf, split->buf,
                         children->buf, value->buf, steps, out->buf);
        }
        else {
            walk_float32(rows->buf, n, width, roots->buf, trees, feature->buf, split->buf,
                         children->buf, value->buf, steps, out->buf);
        }
        Py_END_ALLOW_THREADS
    }
    result = Py_NewRef(Py_None);
done:
    while (got-- > 0) {
        PyBuffer_Release(&views[got]);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"leaf_values", leaf_values, METH_VARARGS,
     "leaf_values(rows, roots, feature, split, children, value, steps, out)\n--\n\n"
     "Write into out[i, t] the value of the leaf row i reaches in tree t after `steps` steps."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "newsdesk.extract._trees",
    .m_doc = "The body model's tree walk in C (see html/_model.py).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__trees(void)
{
    return PyModule_Create(&module);
}
