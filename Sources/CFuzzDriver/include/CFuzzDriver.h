/* The one call into libFuzzer, made weak so that the fuzz executable also links, and replays inputs, in a build
   without libFuzzer (swift build -Xswiftc -sanitize=fuzzer links it; scripts/fuzz). */
#ifndef MP_FUZZ_DRIVER_H
#define MP_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

/** One input to a fuzz target; returns 0 (libFuzzer's convention). */
typedef int (*mp_fuzz_callback)(const uint8_t *_Nullable data, size_t size);

/** 1 when this executable was linked with libFuzzer. */
int mp_fuzz_is_linked(void);

/** Hands the process to libFuzzer (LLVMFuzzerRunDriver), which parses its flags from `argv` and calls `callback`
    for every input; returns its exit status, or -1 when libFuzzer is not linked. */
int mp_fuzz_run(int *argc, char *_Nullable *_Nullable *_Nonnull argv, mp_fuzz_callback callback);

#pragma clang assume_nonnull end

#endif
