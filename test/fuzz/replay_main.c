/*
 * A main() for the libFuzzer harnesses without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named on the command line. The
 * coverage build links each harness with it and replays the committed
 * corpora (test/fuzz/corpus/NAME), so the inputs fuzzing found worth keeping
 * (compiler errors, odd descriptors) count towards branch coverage with
 * gcc's gcov, which libFuzzer's clang build cannot feed. A violated harness
 * invariant aborts, as under libFuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf)
            break;
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *nb = realloc(buf, cap *= 2);
        if (!nb)
            free(buf);
        buf = nb;
    }
    int bad = ferror(f) || !buf;
    fclose(f);
    if (!bad)
        LLVMFuzzerTestOneInput(buf, n); /* the harness checks its own invariants */
    free(buf);
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++, n++)
        if (replay(argv[i]) != 0) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 2;
        }
    fprintf(stderr, "replay: %d inputs\n", n);
    return 0;
}
