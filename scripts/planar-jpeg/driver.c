/* Runs one YUV-domain JPEG thumbnail at a shrink of 8 with our DC decoder: path width height jpg|webp.
   Exit 0 made, 1 not this path's, 2 refused. */
#include "CPlanarJPEG.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 5) return 64;
    FILE *file = fopen(argv[1], "rb");
    if (!file) return 66;
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    rewind(file);
    uint8_t *data = malloc(length > 0 ? (size_t)length : 1);
    size_t got = fread(data, 1, (size_t)length, file);
    fclose(file);
    mp_planar_request request = {atoi(argv[2]), atoi(argv[3]), 8, strcmp(argv[4], "webp") == 0 ? MP_PLANAR_WEBP
                                                                                                : MP_PLANAR_JPEG,
                                 80, 0, 4, 1, 50000000, 1};
    uint8_t *out = NULL;
    size_t out_length = 0;
    char message[MP_MESSAGE_SIZE] = "";
    int status = mp_planar_jpeg_thumbnail(data, got, &request, &out, &out_length, message);
    free(out);
    free(data);
    return status == 0 ? 0 : status == 1 ? 1 : 2;
}
