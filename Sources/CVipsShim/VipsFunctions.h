/* libvips loaded on first use rather than at start-up: libvips and the ~90 libraries it needs cost every process
   about 40 ms to map and relocate, which a command that never touches it (help, a GIF resize) should not pay.
   Include instead of <vips/vips.h>: each libvips and GLib function the shim calls is renamed to a pointer that
   mp_vips_load fills once. Private to CVipsShim; the linker refuses any call left unrenamed (nothing links
   libvips). */
#ifndef MP_VIPS_FUNCTIONS_H
#define MP_VIPS_FUNCTIONS_H

#include <vips/vips.h>
#include <vips/vector.h>

#define MP_VIPS_FUNCTIONS(X)                                                                                         \
    X(g_log_set_handler) X(g_free) X(g_malloc) X(g_object_set) X(g_object_get) X(g_object_unref) X(g_slist_prepend)  \
    X(g_strdup) X(g_slist_free_full) X(g_signal_connect_data) X(vips_init) X(vips_version) X(vips_concurrency_set)   \
    X(vips_cache_set_max) X(vips_cache_set_max_mem) X(vips_cache_set_max_files) X(vips_vector_set_enabled)           \
    X(vips_vector_isenabled) X(vips_operation_block_set) X(vips_error_buffer_copy) X(vips_error) X(vips_leak_set)    \
    X(vips_shutdown)                                                                                                 \
    X(vips_object_map) X(vips_operation_new) X(vips_blob_copy) X(vips_area_unref) X(vips_object_set_from_string)     \
    X(vips_object_unref_outputs) X(vips_cache_operation_build) X(vips_array_double_new) X(vips_resize)               \
    X(vips_shrink) X(vips_extract_area) X(vips_smartcrop) X(vips_embed) X(vips_rot) X(vips_autorot) X(vips_flip)     \
    X(vips_gaussblur) X(vips_sharpen) X(vips_flatten) X(vips_premultiply) X(vips_unpremultiply) X(vips_cast)         \
    X(vips_colourspace) X(vips_icc_transform) X(vips_extract_band) X(vips_bandjoin_const1) X(vips_bandjoin2)         \
    X(vips_linear1) X(vips_find_trim) X(vips_getpoint) X(vips_copy) X(vips_image_copy_memory)                        \
    X(vips_image_new_from_memory) X(vips_image_new_from_memory_copy) X(vips_image_write_to_memory)                   \
    X(vips_jpegsave_buffer) X(vips_pngsave_buffer) X(vips_webpsave_buffer) X(vips_heifsave_buffer)                   \
    X(vips_gifsave_buffer) X(vips_jxlsave_buffer) X(vips_image_map) X(vips_image_remove) X(vips_image_set_blob_copy) \
    X(vips_image_set_int) X(vips_image_get_typeof) X(vips_image_get_blob) X(vips_image_get_int)                      \
    X(vips_image_get_width) X(vips_image_get_height) X(vips_image_get_bands) X(vips_image_hasalpha)                  \
    X(vips_image_get_interpretation) X(vips_image_get_format) X(vips_image_get_n_pages) X(vips_zoom) X(vips_linear)  \
    X(vips_recomb) X(vips_image_new_matrix_from_array) X(vips_composite2) X(vips_replicate) X(vips_multiply)

#define MP_VIPS_POINTER(function) __typeof__(function) *function;
typedef struct {
    MP_VIPS_FUNCTIONS(MP_VIPS_POINTER)
} mp_vips_functions;
#undef MP_VIPS_POINTER

extern mp_vips_functions mp_vips;

/* Loads libvips (and with it GLib): 0, or -1 with `message` (MP_MESSAGE_SIZE bytes, may be NULL) set. Once per
   process; later calls report the first outcome. */
int mp_vips_load(char *message);

#ifndef MP_VIPS_LOADER
#define g_log_set_handler (*mp_vips.g_log_set_handler)
#define g_free (*mp_vips.g_free)
#define g_malloc (*mp_vips.g_malloc)
#define g_object_set (*mp_vips.g_object_set)
#define g_object_get (*mp_vips.g_object_get)
#define g_object_unref (*mp_vips.g_object_unref)
#define g_slist_prepend (*mp_vips.g_slist_prepend)
#define g_strdup (*mp_vips.g_strdup)
#define g_slist_free_full (*mp_vips.g_slist_free_full)
#define g_signal_connect_data (*mp_vips.g_signal_connect_data)
#define vips_init (*mp_vips.vips_init)
#define vips_version (*mp_vips.vips_version)
#define vips_concurrency_set (*mp_vips.vips_concurrency_set)
#define vips_cache_set_max (*mp_vips.vips_cache_set_max)
#define vips_cache_set_max_mem (*mp_vips.vips_cache_set_max_mem)
#define vips_cache_set_max_files (*mp_vips.vips_cache_set_max_files)
#define vips_vector_set_enabled (*mp_vips.vips_vector_set_enabled)
#define vips_vector_isenabled (*mp_vips.vips_vector_isenabled)
#define vips_operation_block_set (*mp_vips.vips_operation_block_set)
#define vips_error_buffer_copy (*mp_vips.vips_error_buffer_copy)
#define vips_error (*mp_vips.vips_error)
#define vips_leak_set (*mp_vips.vips_leak_set)
#define vips_shutdown (*mp_vips.vips_shutdown)
#define vips_object_map (*mp_vips.vips_object_map)
#define vips_operation_new (*mp_vips.vips_operation_new)
#define vips_blob_copy (*mp_vips.vips_blob_copy)
#define vips_area_unref (*mp_vips.vips_area_unref)
#define vips_object_set_from_string (*mp_vips.vips_object_set_from_string)
#define vips_object_unref_outputs (*mp_vips.vips_object_unref_outputs)
#define vips_cache_operation_build (*mp_vips.vips_cache_operation_build)
#define vips_array_double_new (*mp_vips.vips_array_double_new)
#define vips_resize (*mp_vips.vips_resize)
#define vips_shrink (*mp_vips.vips_shrink)
#define vips_extract_area (*mp_vips.vips_extract_area)
#define vips_smartcrop (*mp_vips.vips_smartcrop)
#define vips_embed (*mp_vips.vips_embed)
#define vips_rot (*mp_vips.vips_rot)
#define vips_autorot (*mp_vips.vips_autorot)
#define vips_flip (*mp_vips.vips_flip)
#define vips_gaussblur (*mp_vips.vips_gaussblur)
#define vips_sharpen (*mp_vips.vips_sharpen)
#define vips_flatten (*mp_vips.vips_flatten)
#define vips_premultiply (*mp_vips.vips_premultiply)
#define vips_unpremultiply (*mp_vips.vips_unpremultiply)
#define vips_cast (*mp_vips.vips_cast)
#define vips_colourspace (*mp_vips.vips_colourspace)
#define vips_icc_transform (*mp_vips.vips_icc_transform)
#define vips_extract_band (*mp_vips.vips_extract_band)
#define vips_bandjoin_const1 (*mp_vips.vips_bandjoin_const1)
#define vips_bandjoin2 (*mp_vips.vips_bandjoin2)
#define vips_linear1 (*mp_vips.vips_linear1)
#define vips_find_trim (*mp_vips.vips_find_trim)
#define vips_getpoint (*mp_vips.vips_getpoint)
#define vips_copy (*mp_vips.vips_copy)
#define vips_image_copy_memory (*mp_vips.vips_image_copy_memory)
#define vips_image_new_from_memory (*mp_vips.vips_image_new_from_memory)
#define vips_image_new_from_memory_copy (*mp_vips.vips_image_new_from_memory_copy)
#define vips_image_write_to_memory (*mp_vips.vips_image_write_to_memory)
#define vips_jpegsave_buffer (*mp_vips.vips_jpegsave_buffer)
#define vips_pngsave_buffer (*mp_vips.vips_pngsave_buffer)
#define vips_webpsave_buffer (*mp_vips.vips_webpsave_buffer)
#define vips_heifsave_buffer (*mp_vips.vips_heifsave_buffer)
#define vips_gifsave_buffer (*mp_vips.vips_gifsave_buffer)
#define vips_jxlsave_buffer (*mp_vips.vips_jxlsave_buffer)
#define vips_image_map (*mp_vips.vips_image_map)
#define vips_image_remove (*mp_vips.vips_image_remove)
#define vips_image_set_blob_copy (*mp_vips.vips_image_set_blob_copy)
#define vips_image_set_int (*mp_vips.vips_image_set_int)
#define vips_image_get_typeof (*mp_vips.vips_image_get_typeof)
#define vips_image_get_blob (*mp_vips.vips_image_get_blob)
#define vips_image_get_int (*mp_vips.vips_image_get_int)
#define vips_image_get_width (*mp_vips.vips_image_get_width)
#define vips_image_get_height (*mp_vips.vips_image_get_height)
#define vips_image_get_bands (*mp_vips.vips_image_get_bands)
#define vips_image_hasalpha (*mp_vips.vips_image_hasalpha)
#define vips_image_get_interpretation (*mp_vips.vips_image_get_interpretation)
#define vips_image_get_format (*mp_vips.vips_image_get_format)
#define vips_image_get_n_pages (*mp_vips.vips_image_get_n_pages)
#define vips_zoom (*mp_vips.vips_zoom)
#define vips_linear (*mp_vips.vips_linear)
#define vips_recomb (*mp_vips.vips_recomb)
#define vips_image_new_matrix_from_array (*mp_vips.vips_image_new_matrix_from_array)
#define vips_composite2 (*mp_vips.vips_composite2)
#define vips_replicate (*mp_vips.vips_replicate)
#define vips_multiply (*mp_vips.vips_multiply)
#endif

#endif
