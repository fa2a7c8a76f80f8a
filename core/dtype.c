/*
 * dtype.c — the facts about each element type, in one table, and the conversions of the two
 * 16-bit float formats (stored as uint16_t, computed on as float).
 */
#include "internal.h"
#include <string.h>

static const wk_dtype_info dtype_table[] = {
    [WK_U8] = {"uint8", "Byte", 1, 0, 0},
    [WK_I8] = {"int8", "Char", 1, 0, 1},
    [WK_I16] = {"int16", "Short", 2, 0, 1},
    [WK_I32] = {"int32", "Int", 4, 0, 1},
    [WK_I64] = {"int64", "Long", 8, 0, 1},
    [WK_F32] = {"float32", "Float", 4, 1, 1},
    [WK_F64] = {"float64", "Double", 8, 1, 1},
    [WK_F16] = {"float16", "Half", 2, 1, 1},
    [WK_BF16] = {"bfloat16", "BFloat16", 2, 1, 1},
};
_Static_assert(sizeof dtype_table / sizeof dtype_table[0] == WK_DTYPE_COUNT,
               "dtype_table needs one row per dtype");

const wk_dtype_info *wk_dtype_get(int32_t dtype)
{
    if (!wk_dtype_valid(dtype)) return NULL;
    return &dtype_table[dtype];
}

static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static float bits_float(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}

float wk_half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exponent = (h >> 10) & 0x1f;
    uint32_t mantissa = h & 0x3ff;
    if (exponent == 0x1f)                          /* inf, or nan made canonical (see bf16 below) */
        return mantissa ? bits_float(0x7fc00000u) : bits_float(sign | 0x7f800000u);
    if (exponent == 0) {                           /* zero or subnormal: mantissa * 2^-24 */
        float magnitude = (float)mantissa * (1.0f / 16777216.0f);
        return sign ? -magnitude : magnitude;
    }
    return bits_float(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

uint16_t wk_float_to_half(float f)
{
    uint32_t u = float_bits(f);
    uint16_t sign = (uint16_t)((u >> 16) & 0x8000);
    uint32_t abs_bits = u & 0x7fffffff;
    if (abs_bits >= 0x7f800000)                    /* inf, or nan kept quiet */
        return sign | 0x7c00 | (abs_bits > 0x7f800000 ? 0x200 : 0);
    if (abs_bits >= 0x477ff000)                    /* rounds to beyond 65504 */
        return sign | 0x7c00;
    if (abs_bits < 0x38800000) {                   /* below the smallest normal half: 2^-14 */
        /* Scale to units of 2^-24 and round to nearest even in float arithmetic. */
        float magnitude = bits_float(abs_bits) * 16777216.0f;
        float rounded = __builtin_rintf(magnitude);
        return sign | (uint16_t)rounded;
    }
    /* Normal: rebias the exponent, round the 13 dropped bits to nearest even. */
    uint32_t mantissa_odd = (abs_bits >> 13) & 1;
    abs_bits += 0xfff + mantissa_odd;
    return sign | (uint16_t)((abs_bits - 0x38000000) >> 13);
}

/* A NaN comes back as the one canonical quiet NaN: LuaJIT (2.1.0-beta3) keeps NaN payloads when
 * it makes a Lua number, and some payloads look like tagged values to it. */
float wk_bf16_to_float(uint16_t h)
{
    if ((h & 0x7f80) == 0x7f80 && (h & 0x7f)) return bits_float(0x7fc00000u);
    return bits_float((uint32_t)h << 16);
}

uint16_t wk_float_to_bf16(float f)
{
    uint32_t u = float_bits(f);
    if ((u & 0x7fffffff) > 0x7f800000)             /* nan stays nan */
        return (uint16_t)((u >> 16) | 0x40);
    u += 0x7fff + ((u >> 16) & 1);
    return (uint16_t)(u >> 16);
}
