/*
 * nn_recurrent.c — the elementwise part of one time step of an LSTM or a GRU (nn.LSTM, nn.GRU),
 * forward and backward. Float and double.
 *
 * The matrix products are not here: the Lua modules compute the input projections of every time
 * step with one GEMM, and each step's recurrent projection h_{t-1} W_h with one more, then call
 * these kernels on the (N, k*H) results. Every tensor is contiguous, rows of N samples; a NULL
 * previous state means zeros (the first step).
 *
 * LSTM, gates in PyTorch's order [i f g o] (pre-activations in, activations kept for backward):
 *   i, f, o = sigmoid(.), g = tanh(.), c = f * c_prev + i * g, h = o * tanh(c)
 *
 * GRU, PyTorch's formulation (the reset gate applied after the recurrent product, so one GEMM
 * per step suffices):
 *   r = sigmoid(x_r + h_r), z = sigmoid(x_z + h_z), hn = h_n + b_hn, n = tanh(x_n + r * hn)
 *   h = (1 - z) * n + z * h_prev
 * where x_* are the input projections (with their bias) and h_* the columns of h_prev W_h.
 * Floats take sigmoid and tanh from nn_real.h's vectorisable exp; doubles from libm.
 */
#include "nn_real.h"
#include <omp.h>

static const char *const LSTM = "nn.LSTM";
static const char *const GRU = "nn.GRU";

/* A contiguous float/double tensor of shape (rows, cols) of `like`'s dtype; NULL passes where
 * `optional`. */
static int check_matrix(const char *op, const char *name, const wk_tensor *t, const wk_tensor *like, int64_t rows,
                        int64_t cols, bool optional)
{
    int rc = nn_check_real(op, name, t, optional);
    if (rc || !t) return rc;
    if (like) rc = nn_check_same_dtype(op, name, t, like);
    if (rc) return rc;
    if (!wk_tensor_is_contiguous(t) || wk_tensor_numel(t) != rows * cols || t->ndim < 1 ||
        t->sizes[t->ndim - 1] != cols)
        return wk_error(WK_ESHAPE, "%s: %s must be a contiguous %lldx%lld tensor, got %s", op, name, (long long)rows,
                        (long long)cols, WK_DESC(t));
    return WK_OK;
}

/* rows and H from a gates tensor of (rows, k*H). */
static int gate_shape(const char *op, const wk_tensor *gates, int64_t k, int64_t *rows, int64_t *H)
{
    int rc = nn_check_real(op, "gates", gates, false);
    if (rc) return rc;
    if (gates->ndim != 2 || gates->sizes[1] % k != 0 || !wk_tensor_is_contiguous(gates))
        return wk_error(WK_ESHAPE, "%s: gates must be a contiguous rows x %lld*hidden tensor, got %s", op,
                        (long long)k, WK_DESC(gates));
    *rows = gates->sizes[0];
    *H = gates->sizes[1] / k;
    return WK_OK;
}

static inline void *data_or_null(const wk_tensor *t) { return t ? wk_tensor_data(t) : NULL; }

/* ------------------------------------------------------------------------------------------- */
/* LSTM                                                                                         */

/* One row: the gate blocks i, f, g, o of its gates (pre-activations in, activations out). The
 * blocks are separate restrict pointers, which tells the compiler that writing one cannot change
 * what is read from another. cell_prev NULL: zeros. */
static NN_INLINE void lstm_forward_row(bool f64, char *restrict gi, char *restrict gf, char *restrict gg,
                                       char *restrict go, const char *restrict cell_prev, char *restrict cell,
                                       char *restrict hidden, int64_t H)
{
    for (int64_t j = 0; j < H; j++) {
        double i = nn_sigmoid_real(nn_load(gi, j, f64), f64);
        double f = nn_sigmoid_real(nn_load(gf, j, f64), f64);
        double g = nn_tanh_real(nn_load(gg, j, f64), f64);
        double o = nn_sigmoid_real(nn_load(go, j, f64), f64);
        double c = i * g + (cell_prev ? f * nn_load(cell_prev, j, f64) : 0.0);
        nn_store(gi, j, i, f64);
        nn_store(gf, j, f, f64);
        nn_store(gg, j, g, f64);
        nn_store(go, j, o, f64);
        nn_store(cell, j, c, f64);
        nn_store(hidden, j, o * nn_tanh_real(c, f64), f64);
    }
}

/* The dispatcher of one row (see nn_real.h): a copy per element type and per first step. */
WK_SIMD_CLONES static void lstm_forward_dispatch(bool f64, char *restrict gates, const char *restrict cell_prev,
                                                 char *restrict cell, char *restrict hidden, int64_t H)
{
    int64_t block = H * (f64 ? 8 : 4);
    char *gi = gates, *gf = gates + block, *gg = gates + 2 * block, *go = gates + 3 * block;
    if (f64 && cell_prev)
        lstm_forward_row(true, gi, gf, gg, go, cell_prev, cell, hidden, H);
    else if (f64)
        lstm_forward_row(true, gi, gf, gg, go, NULL, cell, hidden, H);
    else if (cell_prev)
        lstm_forward_row(false, gi, gf, gg, go, cell_prev, cell, hidden, H);
    else
        lstm_forward_row(false, gi, gf, gg, go, NULL, cell, hidden, H);
}

static void lstm_forward(bool f64, char *gates, const char *cell_prev, char *cell, char *hidden, int64_t rows,
                         int64_t H)
{
    int64_t e = f64 ? 8 : 4;
    bool parallel = rows > 1 && rows * H >= WK_GRAIN / 4 && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t r = 0; r < rows; r++)
        lstm_forward_dispatch(f64, gates + r * 4 * H * e, cell_prev ? cell_prev + r * H * e : NULL, cell + r * H * e,
                              hidden + r * H * e, H);
}

int wk_nn_lstm_cell_forward(wk_tensor *gates, const wk_tensor *cell_prev, wk_tensor *cell, wk_tensor *hidden)
{
    int64_t rows = 0, H = 0;
    int rc = gate_shape(LSTM, gates, 4, &rows, &H);
    if (!rc) rc = check_matrix(LSTM, "cell_prev", cell_prev, gates, rows, H, true);
    if (!rc) rc = check_matrix(LSTM, "cell", cell, gates, rows, H, false);
    if (!rc) rc = check_matrix(LSTM, "hidden", hidden, gates, rows, H, false);
    if (rc) return rc;
    if (rows * H == 0) return WK_OK;
    char *g = wk_tensor_data(gates), *c = wk_tensor_data(cell), *h = wk_tensor_data(hidden);
    const char *cp = data_or_null(cell_prev);
    lstm_forward(gates->dtype == WK_F64, g, cp, c, h, rows, H);
    return WK_OK;
}

static NN_INLINE void lstm_backward_row(bool f64, const char *restrict gates, const char *restrict cell_prev,
                                        const char *restrict cell, const char *restrict grad_hidden,
                                        char *restrict grad_cell, char *restrict grad_gates, int64_t H)
{
    for (int64_t j = 0; j < H; j++) {
        double i = nn_load(gates, j, f64), f = nn_load(gates, H + j, f64);
        double g = nn_load(gates, 2 * H + j, f64), o = nn_load(gates, 3 * H + j, f64);
        double tc = nn_tanh_real(nn_load(cell, j, f64), f64);
        double dh = nn_load(grad_hidden, j, f64);
        double dc = nn_load(grad_cell, j, f64) + dh * o * (1 - tc * tc);
        double cp = cell_prev ? nn_load(cell_prev, j, f64) : 0.0;
        nn_store(grad_gates, j, dc * g * i * (1 - i), f64);
        nn_store(grad_gates, H + j, dc * cp * f * (1 - f), f64);
        nn_store(grad_gates, 2 * H + j, dc * i * (1 - g * g), f64);
        nn_store(grad_gates, 3 * H + j, dh * tc * o * (1 - o), f64);
        nn_store(grad_cell, j, dc * f, f64);
    }
}

WK_SIMD_CLONES static void lstm_backward_dispatch(bool f64, const char *restrict gates,
                                                  const char *restrict cell_prev, const char *restrict cell,
                                                  const char *restrict grad_hidden, char *restrict grad_cell,
                                                  char *restrict grad_gates, int64_t H)
{
    if (f64 && cell_prev)
        lstm_backward_row(true, gates, cell_prev, cell, grad_hidden, grad_cell, grad_gates, H);
    else if (f64)
        lstm_backward_row(true, gates, NULL, cell, grad_hidden, grad_cell, grad_gates, H);
    else if (cell_prev)
        lstm_backward_row(false, gates, cell_prev, cell, grad_hidden, grad_cell, grad_gates, H);
    else
        lstm_backward_row(false, gates, NULL, cell, grad_hidden, grad_cell, grad_gates, H);
}

static void lstm_backward(bool f64, const char *gates, const char *cell_prev, const char *cell,
                          const char *grad_hidden, char *grad_cell, char *grad_gates, int64_t rows, int64_t H)
{
    int64_t e = f64 ? 8 : 4;
    bool parallel = rows > 1 && rows * H >= WK_GRAIN / 4 && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t r = 0; r < rows; r++)
        lstm_backward_dispatch(f64, gates + r * 4 * H * e, cell_prev ? cell_prev + r * H * e : NULL, cell + r * H * e,
                               grad_hidden + r * H * e, grad_cell + r * H * e, grad_gates + r * 4 * H * e, H);
}

int wk_nn_lstm_cell_backward(const wk_tensor *gates, const wk_tensor *cell_prev, const wk_tensor *cell,
                             const wk_tensor *grad_hidden, wk_tensor *grad_cell, wk_tensor *grad_gates)
{
    int64_t rows = 0, H = 0;
    int rc = gate_shape(LSTM, gates, 4, &rows, &H);
    if (!rc) rc = check_matrix(LSTM, "cell_prev", cell_prev, gates, rows, H, true);
    if (!rc) rc = check_matrix(LSTM, "cell", cell, gates, rows, H, false);
    if (!rc) rc = check_matrix(LSTM, "grad_hidden", grad_hidden, gates, rows, H, false);
    if (!rc) rc = check_matrix(LSTM, "grad_cell", grad_cell, gates, rows, H, false);
    if (!rc) rc = check_matrix(LSTM, "grad_gates", grad_gates, gates, rows, 4 * H, false);
    if (rc) return rc;
    if (rows * H == 0) return WK_OK;
    const char *g = wk_tensor_data(gates), *cp = data_or_null(cell_prev), *c = wk_tensor_data(cell);
    const char *dh = wk_tensor_data(grad_hidden);
    char *dc = wk_tensor_data(grad_cell), *dg = wk_tensor_data(grad_gates);
    lstm_backward(gates->dtype == WK_F64, g, cp, c, dh, dc, dg, rows, H);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* GRU                                                                                          */

/* hg and hidden_prev are both given or both NULL (the first step); bias_hn may be NULL. */
static NN_INLINE void gru_forward_row(bool f64, const char *restrict xg, const char *restrict hg,
                                      const char *restrict bias_hn, const char *restrict hidden_prev,
                                      char *restrict hidden, char *restrict saved, int64_t H)
{
    for (int64_t j = 0; j < H; j++) {
        double hr = hg ? nn_load(hg, j, f64) : 0.0, hz = hg ? nn_load(hg, H + j, f64) : 0.0;
        double hn = (hg ? nn_load(hg, 2 * H + j, f64) : 0.0) + (bias_hn ? nn_load(bias_hn, j, f64) : 0.0);
        double r = nn_sigmoid_real(nn_load(xg, j, f64) + hr, f64);
        double z = nn_sigmoid_real(nn_load(xg, H + j, f64) + hz, f64);
        double n = nn_tanh_real(nn_load(xg, 2 * H + j, f64) + r * hn, f64);
        double hp = hidden_prev ? nn_load(hidden_prev, j, f64) : 0.0;
        nn_store(hidden, j, (1 - z) * n + z * hp, f64);
        nn_store(saved, j, r, f64);
        nn_store(saved, H + j, z, f64);
        nn_store(saved, 2 * H + j, n, f64);
        nn_store(saved, 3 * H + j, hn, f64);
    }
}

WK_SIMD_CLONES static void gru_forward_dispatch(bool f64, const char *restrict xg, const char *restrict hg,
                                                const char *restrict bias_hn, const char *restrict hidden_prev,
                                                char *restrict hidden, char *restrict saved, int64_t H)
{
    bool later = hg && hidden_prev && bias_hn;     /* every step but the first */
    if (f64 && later)
        gru_forward_row(true, xg, hg, bias_hn, hidden_prev, hidden, saved, H);
    else if (f64)
        gru_forward_row(true, xg, hg, bias_hn, hidden_prev, hidden, saved, H);
    else if (later)
        gru_forward_row(false, xg, hg, bias_hn, hidden_prev, hidden, saved, H);
    else
        gru_forward_row(false, xg, hg, bias_hn, hidden_prev, hidden, saved, H);
}

static void gru_forward(bool f64, const char *xg, const char *hg, const char *bias_hn, const char *hidden_prev,
                        char *hidden, char *saved, int64_t rows, int64_t H)
{
    int64_t e = f64 ? 8 : 4;
    bool parallel = rows > 1 && rows * H >= WK_GRAIN / 4 && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t row = 0; row < rows; row++)
        gru_forward_dispatch(f64, xg + row * 3 * H * e, hg ? hg + row * 3 * H * e : NULL, bias_hn,
                             hidden_prev ? hidden_prev + row * H * e : NULL, hidden + row * H * e,
                             saved + row * 4 * H * e, H);
}

int wk_nn_gru_cell_forward(const wk_tensor *input_gates, const wk_tensor *hidden_gates, const wk_tensor *bias_hn,
                           const wk_tensor *hidden_prev, wk_tensor *hidden, wk_tensor *saved)
{
    int64_t rows = 0, H = 0;
    int rc = gate_shape(GRU, input_gates, 3, &rows, &H);
    if (!rc) rc = check_matrix(GRU, "hidden_gates", hidden_gates, input_gates, rows, 3 * H, true);
    if (!rc) rc = check_matrix(GRU, "bias_hn", bias_hn, input_gates, 1, H, true);
    if (!rc) rc = check_matrix(GRU, "hidden_prev", hidden_prev, input_gates, rows, H, true);
    if (!rc) rc = check_matrix(GRU, "hidden", hidden, input_gates, rows, H, false);
    if (!rc) rc = check_matrix(GRU, "saved", saved, input_gates, rows, 4 * H, false);
    if (rc) return rc;
    if (rows * H == 0) return WK_OK;
    const char *xg = wk_tensor_data(input_gates), *hg = data_or_null(hidden_gates), *b = data_or_null(bias_hn);
    const char *hp = data_or_null(hidden_prev);
    char *h = wk_tensor_data(hidden), *s = wk_tensor_data(saved);
    gru_forward(input_gates->dtype == WK_F64, xg, hg, b, hp, h, s, rows, H);
    return WK_OK;
}

static NN_INLINE void gru_backward_row(bool f64, const char *restrict saved, const char *restrict hidden_prev,
                                       const char *restrict grad_hidden, char *restrict grad_xg,
                                       char *restrict grad_hg, char *restrict grad_hidden_prev, int64_t H)
{
    for (int64_t j = 0; j < H; j++) {
        double r = nn_load(saved, j, f64), z = nn_load(saved, H + j, f64);
        double n = nn_load(saved, 2 * H + j, f64), hn = nn_load(saved, 3 * H + j, f64);
        double hp = hidden_prev ? nn_load(hidden_prev, j, f64) : 0.0;
        double dh = nn_load(grad_hidden, j, f64);
        double dn = dh * (1 - z) * (1 - n * n);     /* d pre-activation of n */
        double dz = dh * (hp - n) * z * (1 - z);
        double dr = dn * hn * r * (1 - r);
        nn_store(grad_xg, j, dr, f64);
        nn_store(grad_xg, H + j, dz, f64);
        nn_store(grad_xg, 2 * H + j, dn, f64);
        nn_store(grad_hg, j, dr, f64);
        nn_store(grad_hg, H + j, dz, f64);
        nn_store(grad_hg, 2 * H + j, dn * r, f64);
        nn_store(grad_hidden_prev, j, dh * z, f64);
    }
}

WK_SIMD_CLONES static void gru_backward_dispatch(bool f64, const char *restrict saved,
                                                 const char *restrict hidden_prev, const char *restrict grad_hidden,
                                                 char *restrict grad_xg, char *restrict grad_hg,
                                                 char *restrict grad_hidden_prev, int64_t H)
{
    if (f64 && hidden_prev)
        gru_backward_row(true, saved, hidden_prev, grad_hidden, grad_xg, grad_hg, grad_hidden_prev, H);
    else if (f64)
        gru_backward_row(true, saved, NULL, grad_hidden, grad_xg, grad_hg, grad_hidden_prev, H);
    else if (hidden_prev)
        gru_backward_row(false, saved, hidden_prev, grad_hidden, grad_xg, grad_hg, grad_hidden_prev, H);
    else
        gru_backward_row(false, saved, NULL, grad_hidden, grad_xg, grad_hg, grad_hidden_prev, H);
}

static void gru_backward(bool f64, const char *saved, const char *hidden_prev, const char *grad_hidden, char *grad_xg,
                         char *grad_hg, char *grad_hidden_prev, int64_t rows, int64_t H)
{
    int64_t e = f64 ? 8 : 4;
    bool parallel = rows > 1 && rows * H >= WK_GRAIN / 4 && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t row = 0; row < rows; row++)
        gru_backward_dispatch(f64, saved + row * 4 * H * e, hidden_prev ? hidden_prev + row * H * e : NULL,
                              grad_hidden + row * H * e, grad_xg + row * 3 * H * e, grad_hg + row * 3 * H * e,
                              grad_hidden_prev + row * H * e, H);
}

int wk_nn_gru_cell_backward(const wk_tensor *saved, const wk_tensor *hidden_prev, const wk_tensor *grad_hidden,
                            wk_tensor *grad_input_gates, wk_tensor *grad_hidden_gates, wk_tensor *grad_hidden_prev)
{
    int64_t rows = 0, H = 0;
    int rc = gate_shape(GRU, saved, 4, &rows, &H);
    if (!rc) rc = check_matrix(GRU, "hidden_prev", hidden_prev, saved, rows, H, true);
    if (!rc) rc = check_matrix(GRU, "grad_hidden", grad_hidden, saved, rows, H, false);
    if (!rc) rc = check_matrix(GRU, "grad_input_gates", grad_input_gates, saved, rows, 3 * H, false);
    if (!rc) rc = check_matrix(GRU, "grad_hidden_gates", grad_hidden_gates, saved, rows, 3 * H, false);
    if (!rc) rc = check_matrix(GRU, "grad_hidden_prev", grad_hidden_prev, saved, rows, H, false);
    if (rc) return rc;
    if (rows * H == 0) return WK_OK;
    const char *s = wk_tensor_data(saved), *hp = data_or_null(hidden_prev), *dh = wk_tensor_data(grad_hidden);
    char *dx = wk_tensor_data(grad_input_gates), *dhg = wk_tensor_data(grad_hidden_gates);
    char *dhp = wk_tensor_data(grad_hidden_prev);
    gru_backward(saved->dtype == WK_F64, s, hp, dh, dx, dhg, dhp, rows, H);
    return WK_OK;
}
