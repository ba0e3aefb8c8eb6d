/* aigov's main(): the command line itself is cli_main (aigov.c), callable
 * in-process, which is how test/fuzz/fuzz_cli.c runs it. */
#include "cli.h"

int main(int argc, char **argv)
{
#ifdef AIGOV_CLI_TEST_HOOKS
    cli_test_hooks_install();
#endif
    return cli_main(argc, argv);
}
