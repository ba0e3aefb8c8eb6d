#include <stdlib.h>
#include <string.h>
#include "cli.h"

char *cli_slurp(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0 || n < cap) {
            if (feof(f) || ferror(f))
                break;
            continue;
        }
        char *nb = realloc(buf, cap * 2 + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

const char *cli_code_name(int code)
{
    switch (code) {
    case AIGOV_OK: return "AIGOV_OK";
    case AIGOV_EINVAL: return "AIGOV_EINVAL";
    case AIGOV_ENOMEM: return "AIGOV_ENOMEM";
    case AIGOV_ESYNTAX: return "AIGOV_ESYNTAX";
    case AIGOV_EINPUT: return "AIGOV_EINPUT";
    case AIGOV_ELIMIT: return "AIGOV_ELIMIT";
    case AIGOV_ERULES: return "AIGOV_ERULES";
    case AIGOV_ENOTFOUND: return "AIGOV_ENOTFOUND";
    default: return "AIGOV_UNKNOWN";
    }
}

void cli_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}
