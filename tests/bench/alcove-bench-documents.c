/* alcove-bench-documents.c — attaching and opening a client's scanned documents: a 20 MB
 * PDF, the size a long scanned record reaches, and a 1 MB one, each attached and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built into both benchmarks, so each figure has its plain-SQLite ratio.
 */
#define G_LOG_DOMAIN "alcove-bench"

#include "config.h"

#include <string.h>

#include "alcove-client-documents.h"
#include "alcove-client-store.h"

#include "alcove-bench.h"

#define TIMES 5

/* A PDF's header, then noise a scanner would not compress further */
static GBytes *
make_pdf (GRand *rand,
          gsize  size)
{
  guint8 *data = g_malloc (size);
  const char header[] = "%PDF-1.4\n";

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  memcpy (data, header, sizeof header - 1);
  return g_bytes_new_take (data, size);
}

static void
measure_size (AlcoveVault *vault,
              const char  *client_id,
              GBytes      *pdf,
              const char  *key,
              const char  *label)
{
  g_autoptr(GArray) attach = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *attach_key = g_strconcat (key, "_attach_ms", NULL);
  g_autofree char *read_key = g_strconcat (key, "_read_ms", NULL);
  g_autofree char *attach_label = g_strdup_printf ("Attach a document of %s (p50)", label);
  g_autofree char *read_label = g_strdup_printf ("Open a document of %s, checked (p50)", label);

  for (guint i = 0; i < TIMES; i++)
    {
      double start = now_ms ();
      g_autofree char *id = alcove_client_documents_attach (vault, client_id, pdf, "scan.pdf",
                                                            "Scanned record",
                                                            ALCOVE_DOCUMENT_NOTE, "2019-04-03",
                                                            &error);
      double ms = now_ms () - start;

      check (id != NULL, error, "attach a document");
      g_array_append_val (attach, ms);
    }
  listed = alcove_client_documents_list (vault, client_id, &error);
  check (listed != NULL, error, "list the documents");
  for (guint i = 0; i < TIMES; i++)
    {
      g_autoptr(AlcoveClientDocument) document = g_list_model_get_item (listed, i);
      double start = now_ms ();
      g_autoptr(GBytes) bytes = alcove_client_documents_read (vault, document, &error);
      double ms = now_ms () - start;

      check (bytes != NULL, error, "read a document");
      g_array_append_val (read, ms);
    }
  record (g_intern_string (attach_key), g_intern_string (attach_label), "ms",
          percentile (attach, 50));
  record (g_intern_string (read_key), g_intern_string (read_label), "ms",
          percentile (read, 50));
}

void
alcove_bench_documents (AlcoveVault *vault,
                        GRand       *rand)
{
  g_autoptr(AlcoveClientStore) clients = alcove_client_store_new (vault, NULL);
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GBytes) large = make_pdf (rand, 20 * 1024 * 1024);
  g_autoptr(GBytes) small = make_pdf (rand, 1024 * 1024);
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Scanned Records");
  check (alcove_client_store_save (clients, client, &error), error, "documents client");
  measure_size (vault, alcove_client_get_id (client), small, "document_1mib", "1 MiB");
  measure_size (vault, alcove_client_get_id (client), large, "document_20mib", "20 MiB");
}
