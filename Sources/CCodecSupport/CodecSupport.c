#include "mp_codec_support.h"

#include <dlfcn.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mp_fail(char *message, const char *format, ...) {
    if (message) {
        va_list arguments;
        va_start(arguments, format);
        vsnprintf(message, MP_MESSAGE_SIZE, format, arguments);
        va_end(arguments);
    }
    return -1;
}

int mp_copy_out(const void *data, size_t length, uint8_t **out, size_t *out_length, char *message) {
    *out = malloc(length ? length : 1);
    if (!*out) return mp_fail(message, "out of memory for a %zu-byte result", length);
    if (length) memcpy(*out, data, length);
    *out_length = length;
    return 0;
}

size_t mp_memory_read(mp_memory_reader *reader, uint8_t *buffer, size_t count) {
    size_t left = reader->length - reader->offset;
    size_t take = count < left ? count : left;
    if (take) memcpy(buffer, reader->data + reader->offset, take);
    reader->offset += take;
    return take;
}

int64_t mp_memory_seek(mp_memory_reader *reader, int64_t offset, int whence) {
    int64_t base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)reader->offset; break;
    case SEEK_END: base = (int64_t)reader->length; break;
    default: return -1;
    }
    if ((offset > 0 && base > INT64_MAX - offset)) return -1;
    int64_t target = base + offset;
    if (target < 0 || target > (int64_t)reader->length) return -1;
    reader->offset = (size_t)target;
    return target;
}

int mp_load_functions(const char *soname, const char *const *names, void **const *slots, int count, int global,
                      char *failure) {
    void *handle = dlopen(soname, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
    if (!handle) {
        const char *error = dlerror();
        return mp_fail(failure, "%s unavailable: %s", soname, error ? error : "not found");
    }
    for (int i = 0; i < count; i++) {
        *slots[i] = dlsym(handle, names[i]);
        if (!*slots[i]) return mp_fail(failure, "%s has no %s", soname, names[i]);
    }
    return 0;
}

int mp_load_outcome(const char *failure, char *message) {
    if (!*failure) return 0;
    if (message) snprintf(message, MP_MESSAGE_SIZE, "%s", failure);
    return -1;
}

void mp_limit_malloc_arenas(int count) { mallopt(M_ARENA_MAX, count); }
