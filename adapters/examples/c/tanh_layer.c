/*
 * A gradspec program in C: the protocol needs nothing but reading and writing lines of JSON.
 *
 * Serves one function, layer(W, x, b) = tanh(W x + b) for W: [C, D], x: [D], b: [C], with its
 * hand-written vjp (the backward pass a C or CUDA kernel's host wrapper would ship):
 *     dW = (g .* (1 - y.^2)) x',  dx = W' (g .* (1 - y.^2)),  db = g .* (1 - y.^2).
 *
 * Build and check (bin/gradspec builds it for you when the spec runs `make`-free: see the spec):
 *     gcc -O2 -o tanh_layer tanh_layer.c -lm
 *     bin/gradspec check adapters/examples/c --allow-programs
 *
 * The JSON reader below handles the subset gradspec sends when the hello does not ask for base64:
 * objects, arrays, numbers, strings (NaN and infinities arrive as the strings "NaN", "Infinity",
 * "-Infinity"), true/false/null.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- a small JSON tree */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } Kind;

typedef struct Json {
  Kind kind;
  double num;
  char *str;           /* J_STR */
  char *key;           /* the key, for a member of an object */
  struct Json **items; /* J_ARR items, J_OBJ members (each with str = key) */
  int count;
} Json;

static const char *p;

static Json *node(Kind k) {
  Json *j = calloc(1, sizeof(Json));
  j->kind = k;
  return j;
}

static void skip(void) { while (*p && isspace((unsigned char) *p)) p++; }

static Json *value(void);

static char *string(void) {
  /* at the opening quote; gradspec's strings are names and never need escapes beyond \" and \\ */
  size_t cap = 16, n = 0;
  char *s = malloc(cap);
  p++;
  while (*p && *p != '"') {
    char c = *p++;
    if (c == '\\' && *p) c = *p++;
    if (n + 1 >= cap) s = realloc(s, cap *= 2);
    s[n++] = c;
  }
  if (*p == '"') p++;
  s[n] = 0;
  return s;
}

static void add(Json *parent, Json *child) {
  parent->items = realloc(parent->items, sizeof(Json *) * (parent->count + 1));
  parent->items[parent->count++] = child;
}

static Json *value(void) {
  skip();
  if (*p == '{') {
    Json *o = node(J_OBJ);
    p++;
    skip();
    while (*p && *p != '}') {
      skip();
      char *key = string();
      skip();
      if (*p == ':') p++;
      Json *v = value();
      v->key = key;
      add(o, v);
      skip();
      if (*p == ',') p++;
      skip();
    }
    if (*p == '}') p++;
    return o;
  }
  if (*p == '[') {
    Json *a = node(J_ARR);
    p++;
    skip();
    while (*p && *p != ']') {
      add(a, value());
      skip();
      if (*p == ',') p++;
      skip();
    }
    if (*p == ']') p++;
    return a;
  }
  if (*p == '"') {
    Json *s = node(J_STR);
    char *t = string();
    /* the protocol's non-finite numbers */
    if (!strcmp(t, "NaN")) { s->kind = J_NUM; s->num = NAN; }
    else if (!strcmp(t, "Infinity")) { s->kind = J_NUM; s->num = INFINITY; }
    else if (!strcmp(t, "-Infinity")) { s->kind = J_NUM; s->num = -INFINITY; }
    s->str = s->kind == J_STR ? t : (free(t), NULL);
    return s;
  }
  if (!strncmp(p, "true", 4)) { p += 4; Json *b = node(J_BOOL); b->num = 1; return b; }
  if (!strncmp(p, "false", 5)) { p += 5; return node(J_BOOL); }
  if (!strncmp(p, "null", 4)) { p += 4; return node(J_NULL); }
  Json *n = node(J_NUM);
  char *end;
  n->num = strtod(p, &end);
  p = end;
  return n;
}

static Json *get(Json *o, const char *key) {
  if (!o || o->kind != J_OBJ) return NULL;
  for (int i = 0; i < o->count; i++) if (o->items[i]->key && !strcmp(o->items[i]->key, key)) return o->items[i];
  return NULL;
}

static void release(Json *j) {
  if (!j) return;
  for (int i = 0; i < j->count; i++) release(j->items[i]);
  free(j->items);
  free(j->str);
  free(j->key);
  free(j);
}

/* ---------------------------------------------------------------- arrays of the protocol */

typedef struct { int rows, cols; double *data; } Mat; /* a vector is rows x 1 */

static Mat array(Json *a) {
  Mat m = {1, 1, NULL};
  Json *shape = get(a, "shape"), *data = get(a, "data");
  if (shape && shape->count >= 1) m.rows = (int) shape->items[0]->num;
  if (shape && shape->count >= 2) m.cols = (int) shape->items[1]->num;
  int n = data ? data->count : 0;
  m.data = malloc(sizeof(double) * (n ? n : 1));
  for (int i = 0; i < n; i++) m.data[i] = data->items[i]->num;
  return m;
}

static void number(double v) {
  if (isnan(v)) printf("\"NaN\"");
  else if (isinf(v)) printf(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  else printf("%.17g", v);
}

static void put(const double *v, int n, int rows, int cols, int vector) {
  printf("{\"shape\": [%d", rows);
  if (!vector) printf(", %d", cols);
  printf("], \"data\": [");
  for (int i = 0; i < n; i++) { if (i) printf(", "); number(v[i]); }
  printf("]}");
}

/* ---------------------------------------------------------------- the layer and its backward pass */

/* y = tanh(W x + b) */
static void forward(Mat W, Mat x, Mat b, double *y) {
  for (int i = 0; i < W.rows; i++) {
    double s = b.data[i];
    for (int j = 0; j < W.cols; j++) s += W.data[i * W.cols + j] * x.data[j];
    y[i] = tanh(s);
  }
}

static void reply_vjp(long id, Mat W, Mat x, Mat b, Json *cotangents) {
  int C = W.rows, D = W.cols;
  double *y = malloc(sizeof(double) * C), *d = malloc(sizeof(double) * C);
  double *dW = malloc(sizeof(double) * C * D), *dx = malloc(sizeof(double) * D);
  forward(W, x, b, y);
  printf("{\"id\": %ld, \"ok\": true, \"grads\": [", id);
  for (int c = 0; c < cotangents->count; c++) {
    Mat g = array(cotangents->items[c]);
    for (int i = 0; i < C; i++) d[i] = g.data[i] * (1 - y[i] * y[i]);
    for (int i = 0; i < C; i++) for (int j = 0; j < D; j++) dW[i * D + j] = d[i] * x.data[j];
    for (int j = 0; j < D; j++) { double s = 0; for (int i = 0; i < C; i++) s += W.data[i * D + j] * d[i]; dx[j] = s; }
    if (c) printf(", ");
    printf("[");
    put(dW, C * D, C, D, 0);
    printf(", ");
    put(dx, D, D, 1, 1);
    printf(", ");
    put(d, C, C, 1, 1);
    printf("]");
    free(g.data);
  }
  printf("]}\n");
  free(y); free(d); free(dW); free(dx);
}

int main(void) {
  size_t cap = 0;
  char *line = NULL;
  ssize_t len;
  while ((len = getline(&line, &cap, stdin)) > 0) {
    p = line;
    Json *req = value();
    Json *op = get(req, "op"), *id = get(req, "id");
    const char *o = op && op->kind == J_STR ? op->str : "";
    long rid = id ? (long) id->num : 0;
    if (!strcmp(o, "bye")) { release(req); break; }
    if (!strcmp(o, "hello")) {
      printf("{\"ok\": true, \"program\": \"tanh_layer (C)\", "
             "\"functions\": {\"layer\": {\"ops\": [\"eval\", \"vjp\"], \"dtype\": \"float64\"}}}\n");
    } else if (!strcmp(o, "eval") || !strcmp(o, "vjp")) {
      Json *args = get(req, "args");
      if (!args || args->count != 3) {
        printf("{\"id\": %ld, \"ok\": false, \"error\": \"layer takes 3 arguments (W, x, b)\"}\n", rid);
      } else {
        Mat W = array(args->items[0]), x = array(args->items[1]), b = array(args->items[2]);
        if (!strcmp(o, "eval")) {
          double *y = malloc(sizeof(double) * W.rows);
          forward(W, x, b, y);
          printf("{\"id\": %ld, \"ok\": true, \"value\": ", rid);
          put(y, W.rows, W.rows, 1, 1);
          printf("}\n");
          free(y);
        } else {
          reply_vjp(rid, W, x, b, get(req, "cotangents"));
        }
        free(W.data); free(x.data); free(b.data);
      }
    } else {
      printf("{\"id\": %ld, \"ok\": false, \"error\": \"unsupported op %s\"}\n", rid, o);
    }
    fflush(stdout);
    release(req);
  }
  free(line);
  return 0;
}
