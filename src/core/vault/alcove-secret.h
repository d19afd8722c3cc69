/* alcove-secret.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Key material, passwords and recovery codes live only in these buffers: page-backed,
 * mlocked, excluded from core dumps, and wiped with gnutls_memset when freed. */
typedef struct _AlcoveSecret AlcoveSecret;

AlcoveSecret *alcove_secret_new             (gsize               size);
AlcoveSecret *alcove_secret_new_random      (gsize               size);
AlcoveSecret *alcove_secret_new_from_data   (const void         *data,
                                             gsize               size);
AlcoveSecret *alcove_secret_copy            (const AlcoveSecret *secret);
guint8       *alcove_secret_get_data        (const AlcoveSecret *secret);
gsize         alcove_secret_get_size        (const AlcoveSecret *secret);
void          alcove_secret_set_size        (AlcoveSecret       *secret,
                                             gsize               size);
gboolean      alcove_secret_equal           (const AlcoveSecret *a,
                                             const AlcoveSecret *b);
void          alcove_secret_free            (AlcoveSecret       *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlcoveSecret, alcove_secret_free)

G_END_DECLS
