#include "CFuzzDriver.h"

/* Defined by libFuzzer's runtime when it is linked; weak, so its absence leaves the address NULL. */
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size))
    __attribute__((weak));

int mp_fuzz_is_linked(void) { return LLVMFuzzerRunDriver != NULL; }

int mp_fuzz_run(int *argc, char ***argv, mp_fuzz_callback callback) {
    if (LLVMFuzzerRunDriver == NULL) return -1;
    return LLVMFuzzerRunDriver(argc, argv, callback);
}

/* libFuzzer's own main, linked with it but never run (the Swift executable's main is), names this function; the
   driver above passes the real callback instead. Weak, so that it costs nothing elsewhere. */
__attribute__((weak)) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    (void)data;
    (void)size;
    return 0;
}
