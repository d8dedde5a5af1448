/* Runs the GIF resizer over one file at one size (scripts/gif-resizer/check): exit 0 done, 1 refused, 2 needs the
   general encoder. Built with AddressSanitizer and UndefinedBehaviorSanitizer, so any report fails the check. */
#include "CGifCodec.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: driver IN.gif OUT.gif WIDTH HEIGHT\n");
        return 64;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) return 1;
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    uint8_t *data = malloc(length > 0 ? (size_t)length : 1);
    size_t got = data ? fread(data, 1, (size_t)length, file) : 0;
    fclose(file);
    mp_limits limits = {50000000, 1000};
    char message[MP_MESSAGE_SIZE] = "";
    mp_gif_resizer *resizer = mp_gif_resizer_open(data, got, &limits, atoi(argv[3]), atoi(argv[4]), 0, message);
    int status = resizer ? 1 : -1;
    while (status == 1) status = mp_gif_resizer_next(resizer, message);
    int result = status == 0 ? 0 : status == 2 ? 2 : 1;
    uint8_t *out = NULL;
    size_t out_length = 0;
    if (status == 0 && mp_gif_resizer_finish(resizer, &out, &out_length, message) == 0) {
        FILE *output = fopen(argv[2], "wb");
        if (output) {
            fwrite(out, 1, out_length, output);
            fclose(output);
        }
    }
    free(out);
    mp_gif_resizer_free(resizer);
    free(data);
    return result;
}
