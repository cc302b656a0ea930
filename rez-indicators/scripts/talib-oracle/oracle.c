/*
 * Prints TA-Lib's output for a bar file, for the Rez specs given as arguments.
 *
 * Reads CSV "time,open,high,low,close,volume" (with a header line) on stdin and writes CSV with the
 * time and one column per output, named "spec/output" as Rez names them (e.g. "adx:14/plusDi"):
 * one TA-Lib call over the whole series, values with 17 significant digits, empty before TA-Lib's
 * first value. Link with TA-Lib's C library (see talib-oracle.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ta_libc.h"

#define MAX_BARS 1000000
#define MAX_COLUMNS 64

static double open_[MAX_BARS], high[MAX_BARS], low[MAX_BARS], close_[MAX_BARS], volume[MAX_BARS];
static long long times[MAX_BARS];
static int bars;

static struct { char name[80]; double *values; int begin, count; } columns[MAX_COLUMNS];
static int ncolumns;

static double *column(const char *spec, const char *output) {
  if (ncolumns == MAX_COLUMNS) { fprintf(stderr, "too many columns\n"); exit(2); }
  snprintf(columns[ncolumns].name, sizeof columns[ncolumns].name, "%s/%s", spec, output);
  columns[ncolumns].values = calloc(bars, sizeof(double));
  return columns[ncolumns++].values;
}

/* records where the last n columns' values start; a rejected parameter is an error */
static void done(int n, const char *spec, TA_RetCode rc, int begin, int count) {
  if (rc != TA_SUCCESS) { fprintf(stderr, "%s: TA-Lib error %d\n", spec, rc); exit(1); }
  for (int k = ncolumns - n; k < ncolumns; k++) { columns[k].begin = begin; columns[k].count = count; }
}

int main(int argc, char **argv) {
  char line[1024];
  TA_Initialize();
  if (!fgets(line, sizeof line, stdin)) return 1;
  while (bars < MAX_BARS && fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "%lld,%lf,%lf,%lf,%lf,%lf", &times[bars], &open_[bars], &high[bars], &low[bars],
               &close_[bars], &volume[bars]) == 6) bars++;
  }
  int last = bars - 1;
  for (int a = 1; a < argc; a++) {
    const char *spec = argv[a];
    char name[32] = {0};
    int p1 = 0, p2 = 0, p3 = 0;
    double dev = 2.0;
    const char *colon = strchr(spec, ':');
    size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
    if (len >= sizeof name) len = sizeof name - 1;
    memcpy(name, spec, len);
    if (colon) sscanf(colon + 1, "%d:%d:%d", &p1, &p2, &p3);
    int b = 0, c = 0;
    TA_RetCode rc;
    if (!strcmp(name, "sma")) {
      rc = TA_SMA(0, last, close_, p1, &b, &c, column(spec, "sma")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "ema")) {
      rc = TA_EMA(0, last, close_, p1, &b, &c, column(spec, "ema")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "wma")) {
      rc = TA_WMA(0, last, close_, p1, &b, &c, column(spec, "wma")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "rsi")) {
      rc = TA_RSI(0, last, close_, p1, &b, &c, column(spec, "rsi")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "roc")) {
      rc = TA_ROC(0, last, close_, p1, &b, &c, column(spec, "roc")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "atr")) {
      rc = TA_ATR(0, last, high, low, close_, p1, &b, &c, column(spec, "atr")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "tr")) {
      rc = TA_TRANGE(0, last, high, low, close_, &b, &c, column(spec, "tr")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "obv")) {
      rc = TA_OBV(0, last, close_, volume, &b, &c, column(spec, "obv")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "stddev")) {
      rc = TA_STDDEV(0, last, close_, p1, 1.0, &b, &c, column(spec, "stddev")); done(1, spec, rc, b, c);
    } else if (!strcmp(name, "bb")) {
      const char *d = colon ? strchr(colon + 1, ':') : NULL;
      if (d) dev = atof(d + 1);
      double *u = column(spec, "upper"), *m = column(spec, "middle"), *l = column(spec, "lower");
      rc = TA_BBANDS(0, last, close_, p1, dev, dev, TA_MAType_SMA, &b, &c, u, m, l);
      done(3, spec, rc, b, c);
    } else if (!strcmp(name, "macd")) {
      double *x = column(spec, "macd"), *y = column(spec, "signal"), *z = column(spec, "hist");
      rc = TA_MACD(0, last, close_, p1, p2, p3, &b, &c, x, y, z); done(3, spec, rc, b, c);
    } else if (!strcmp(name, "stoch")) {
      double *k = column(spec, "k"), *d = column(spec, "d");
      rc = TA_STOCH(0, last, high, low, close_, p1, p2, TA_MAType_SMA, p3, TA_MAType_SMA, &b, &c, k, d);
      done(2, spec, rc, b, c);
    } else if (!strcmp(name, "adx")) {
      rc = TA_ADX(0, last, high, low, close_, p1, &b, &c, column(spec, "adx")); done(1, spec, rc, b, c);
      rc = TA_PLUS_DI(0, last, high, low, close_, p1, &b, &c, column(spec, "plusDi")); done(1, spec, rc, b, c);
      rc = TA_MINUS_DI(0, last, high, low, close_, p1, &b, &c, column(spec, "minusDi")); done(1, spec, rc, b, c);
    } else {
      fprintf(stderr, "unknown spec %s\n", spec);
      return 2;
    }
  }
  printf("time");
  for (int k = 0; k < ncolumns; k++) printf(",%s", columns[k].name);
  printf("\n");
  for (int i = 0; i < bars; i++) {
    printf("%lld", times[i]);
    for (int k = 0; k < ncolumns; k++) {
      int j = i - columns[k].begin;
      if (j >= 0 && j < columns[k].count) printf(",%.17g", columns[k].values[j]); else printf(",");
    }
    printf("\n");
  }
  return 0;
}
