/* alcove-bench.c — a synthetic practice, measured, encrypted and on plain SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice: alcove-bench links the real core; alcove-bench-plain links a copy of the core
 * built with ALCOVE_BENCH_PLAINTEXT, whose stores are plain SQLite (that build is never
 * installed and the application cannot be linked against it). alcove-bench runs the
 * workload, then runs alcove-bench-plain on the same seed and sizes, and prints each figure
 * beside its plain one and the ratio encrypted/plain.
 *
 * The plain build signs and verifies audit rows like the real one, so its audit figures
 * differ only by the encryption of the store; it re-keys too (sqlcipher_export into a file
 * attached with an empty key writes plain SQLite), so the re-key ratio is the cost of
 * encrypting the copy. A figure the plain run did not record prints "—".
 */
#define G_LOG_DOMAIN "alcove-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <json-glib/json-glib.h>
#include <sys/resource.h>

#include "alcove-client-store.h"
#include "alcove-crypto.h"
#include "alcove-hardening.h"
#include "alcove-note-format.h"
#include "alcove-note-store.h"
#include "alcove-search.h"
#include "alcove-vault-private.h"

#include "alcove-bench.h"

#define PASSWORD "bench password, not a secret"
#define NOTES_PER_BATCH 250

static int     opt_clients = 200;
static int     opt_notes = 2000;
static int     opt_clinicians = 3;
static int     opt_seed = 1;
static int     opt_import_rows = 50000;
static guint   imported_clients;
static char   *opt_json;
static char   *opt_child_json;
static char   *opt_dir;
static gboolean opt_keep;

static const AlcoveKdfParams tiny_kdf = { 1, 64, 1 };

/* The recovery code the practice was created with: the re-key of every store uses it */
static AlcoveSecret *recovery_code;

/* ---- figures ---- */

typedef struct
{
  const char *key;
  const char *label;
  const char *unit;
  double      value;
} Figure;

static GArray *figures;

void
record (const char *key,
        const char *label,
        const char *unit,
        double      value)
{
  Figure figure = { key, label, unit, value };

  g_array_append_val (figures, figure);
}

double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
percentile (GArray *samples,
            double  p)
{
  guint index;

  g_array_sort (samples, compare_doubles);
  index = (guint) MIN (samples->len - 1, (p / 100.0) * samples->len);
  return g_array_index (samples, double, index);
}

/* ---- deterministic text ---- */

static const char * const vocabulary[] = {
  "client", "reported", "anxiety", "sleep", "hygiene", "mood", "work", "family", "partner",
  "stress", "coping", "skills", "session", "discussed", "explored", "goals", "progress",
  "therapy", "homework", "breathing", "exercise", "panic", "worry", "thoughts", "feelings",
  "avoidance", "exposure", "relapse", "prevention", "support", "relationship", "conflict",
  "boundaries", "grief", "loss", "trauma", "memories", "nightmares", "appetite", "energy",
  "motivation", "concentration", "school", "friends", "mother", "father", "sibling",
  "colleague", "manager", "deadline", "weekend", "morning", "evening", "routine", "walk",
  "journal", "mindfulness", "practice", "cognitive", "restructuring", "behavioural",
  "activation", "values", "strengths", "resilience", "safety", "plan", "risk", "assessed",
  "denied", "ideation", "intent", "protective", "factors", "engaged", "tearful", "calm",
  "affect", "congruent", "speech", "normal", "rate", "insight", "judgement", "fair", "good",
  "improved", "worsened", "stable", "week", "since", "last", "appointment", "reviewed",
  "agreed", "continue", "next", "fortnight", "referral", "psychiatrist", "medication",
  "adherence", "side", "effects", "café", "naïve", "rôle", "the", "and", "of", "to", "with",
  "about", "during", "after", "before", "while", "because", "when", "that", "this", "was",
  "were", "has", "had", "felt", "said", "described", "noted", "observed", "appeared",
};

static const char * const rare_words[] = { "quokka", "zygomatic", "marimba", "lighthouse" };

static void
append_sentence (GString *text,
                 GRand   *rand,
                 guint   *words)
{
  guint length = g_rand_int_range (rand, 8, 21);

  for (guint i = 0; i < length; i++)
    {
      const char *word = vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];

      if (g_rand_int_range (rand, 0, 2000) == 0)
        word = rare_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (rare_words))];
      if (i == 0)
        {
          g_autofree char *capital = g_utf8_strup (word, 1);

          g_string_append (text, capital);
          g_string_append (text, g_utf8_next_char (word));
        }
      else
        g_string_append_printf (text, " %s", word);
    }
  g_string_append (text, ". ");
  *words += length;
}

char *
make_text (GRand *rand,
           guint  target_words)
{
  GString *text = g_string_new (NULL);
  guint words = 0;

  while (words < target_words)
    append_sentence (text, rand, &words);
  g_strchomp (text->str);
  return g_string_free (text, FALSE);
}

/* ---- building the practice ---- */

static AlcoveSecret *
password (void)
{
  return alcove_secret_new_from_data (PASSWORD, strlen (PASSWORD));
}

char *
username_of (int clinician)
{
  return g_strdup_printf ("clinician%d", clinician);
}

void
check_result (gboolean    ok,
              GError     *error,
              const char *what)
{
  if (!ok)
    g_error ("%s failed: %s", what, error ? error->message : "unknown error");
}

void
unlock_as (AlcoveVault *vault,
           const char  *username)
{
  g_autoptr(AlcoveSecret) secret = password ();
  g_autoptr(GError) error = NULL;

  if (!alcove_vault_get_locked (vault))
    alcove_vault_lock (vault);
  check (alcove_vault_unlock_with_password (vault, username, secret, &error), error, "unlock");
}

/* The owner and the clinicians, signed in as the owner */
AlcoveVault *
alcove_bench_create_people (const char    *dir,
                            AlcoveSecret **recovery)
{
  g_autoptr(AlcoveVault) vault = alcove_vault_new (dir);
  g_autoptr(AlcoveSecret) secret = password ();
  g_autoptr(GError) error = NULL;
  AlcoveVaultSetup setup = { "Bench Practice", "owner", "Practice Owner", secret, &tiny_kdf,
                             NULL };

  check (alcove_vault_create (vault, &setup, recovery, &error), error, "create");
  unlock_as (vault, "owner");
  for (int c = 0; c < opt_clinicians; c++)
    {
      g_autofree char *name = username_of (c);
      g_autofree char *full = g_strdup_printf ("Clinician %d", c);

      check (alcove_vault_add_user (vault, name, full, ALCOVE_ROLE_CLINICIAN, secret, &tiny_kdf,
                                    &error), error, "add user");
    }
  return g_steal_pointer (&vault);
}

int
alcove_bench_n_clinicians (void)
{
  return opt_clinicians;
}

static AlcoveVault *
create_vault (const char *dir)
{
  return alcove_bench_create_people (dir, &recovery_code);
}

void
begin (AlcoveVault *vault)
{
  g_autoptr(GError) error = NULL;

  check (alcove_database_begin (alcove_vault_get_database (vault), &error), error, "begin");
}

void
commit (AlcoveVault *vault)
{
  g_autoptr(GError) error = NULL;

  check (alcove_database_commit (alcove_vault_get_database (vault), &error), error, "commit");
}

/* Clients, with one couple/family/group record in forty; ids by creation order */
static GPtrArray *
create_clients (AlcoveVault *vault,
                GRand       *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveClientStore) store = alcove_client_store_new (vault, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  static const char * const names[] = { "Alex", "Sam", "Jordan", "Zoë", "Noah", "Mia", "Liam",
                                        "Ava", "Chloé", "Ethan", "Isla", "Mateo", "Priya" };

  check (store != NULL, error, "client store");
  begin (vault);
  for (int i = 0; i < opt_clients; i++)
    {
      g_autoptr(AlcoveClient) client = alcove_client_new ();
      g_autofree char *name = g_strdup_printf ("%s %d", names[i % G_N_ELEMENTS (names)], i);
      g_autofree char *born = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1950, 2015),
                                               g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      gboolean is_group = i % 40 == 39 && i >= 6;

      alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, name);
      alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, is_group ? "" : born);
      if (is_group)
        {
          const char *members[5] = { NULL };

          for (int m = 0; m < 4; m++)
            members[m] = g_ptr_array_index (ids, i - 1 - m);
          alcove_client_set_record_type (client, ALCOVE_RECORD_GROUP);
          alcove_client_set_members (client, members);
        }
      check (alcove_client_store_save (store, client, &error), error, "save client");
      g_ptr_array_add (ids, g_strdup (alcove_client_get_id (client)));
    }
  commit (vault);
  return ids;
}

static const char *
format_for (int n)
{
  static const char * const formats[] = { "soap", "dap", "birp" };

  return formats[n % G_N_ELEMENTS (formats)];
}

static void
fill_sections (AlcoveNote *note,
               GRand      *rand)
{
  AlcoveNoteFormat *format = alcove_note_format_lookup (alcove_note_get_format_id (note));
  guint n = alcove_note_format_get_n_sections (format);
  guint total = g_rand_int_range (rand, 150, 601);

  for (guint s = 0; s < n; s++)
    {
      g_autofree char *text = make_text (rand, MAX (total / n, 8));

      alcove_note_set_section (note, alcove_note_format_get_section (format, s)->key, text);
    }
}

static char *
session_for_group (AlcoveClientStore *clients,
                   AlcoveClient      *group,
                   const char        *date)
{
  g_autoptr(AlcoveSession) session = alcove_session_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *members = alcove_client_get_members (group);
  g_autoptr(GPtrArray) attendees = g_ptr_array_new ();  /* borrowed ids */

  g_ptr_array_extend (attendees, members, NULL, NULL);
  g_ptr_array_add (attendees, NULL);
  alcove_session_set_field (session, ALCOVE_SESSION_CLIENT_ID, alcove_client_get_id (group));
  alcove_session_set_field (session, ALCOVE_SESSION_DATE, date);
  alcove_session_set_attendees (session, (const char * const *) attendees->pdata);
  check (alcove_client_store_save_session (clients, session, &error), error, "group session");
  return g_strdup (alcove_session_get_id (session));
}

/* One note, written and (nine in ten) signed, with an addendum on one in twenty */
static void
write_note (AlcoveNoteStore *notes,
            AlcoveClient    *client,
            int              n,
            GRand           *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", 2015 + n % 11, 1 + n % 12,
                                           1 + g_rand_int_range (rand, 0, 28));
  g_autofree char *session = NULL;
  GHashTableIter iter;
  gpointer attendee;

  if (alcove_client_get_record_type (client) != ALCOVE_RECORD_INDIVIDUAL)
    session = session_for_group (alcove_note_store_get_clients (notes), client, date);
  note = alcove_note_store_create (notes, alcove_client_get_id (client), session, format_for (n),
                                   date, &error);
  check (note != NULL, error, "create note");
  fill_sections (note, rand);
  g_hash_table_iter_init (&iter, alcove_note_get_parts (note));
  while (g_hash_table_iter_next (&iter, &attendee, NULL))
    {
      g_autofree char *part = make_text (rand, 40);

      alcove_note_set_part (note, attendee, part);
    }
  check (alcove_note_store_save (notes, note, &error), error, "save note");
  if (n % 10 == 9)
    return;  /* a draft */
  check (alcove_note_store_sign (notes, note, &error), error, "sign");
  if (n % 20 == 3)
    {
      g_autofree char *text = make_text (rand, 30);

      check (alcove_note_store_add_addendum (notes, note, text, &error), error, "addendum");
    }
}

/* Each clinician writes the notes of every clinicians-th client, in batches */
static double
create_notes (AlcoveVault *vault,
              GPtrArray   *client_ids,
              GRand       *rand)
{
  double elapsed = 0;
  int written = 0;

  for (int c = 0; c < opt_clinicians; c++)
    {
      g_autofree char *name = username_of (c);
      g_autoptr(GError) error = NULL;
      g_autoptr(AlcoveClientStore) clients = NULL;
      g_autoptr(AlcoveNoteStore) notes = NULL;
      int share = opt_notes / opt_clinicians + (c < opt_notes % opt_clinicians);
      double start;

      unlock_as (vault, name);
      clients = alcove_client_store_new (vault, &error);
      check (clients != NULL, error, "client store");
      notes = alcove_note_store_new (clients);
      start = now_ms ();
      for (int n = 0; n < share; n++, written++)
        {
          guint index = (guint) ((n * opt_clinicians + c) % client_ids->len);
          /* a reference: saving a session replaces the store's snapshot of the client */
          g_autoptr(AlcoveClient) client = g_object_ref (alcove_client_store_lookup (clients,
                                                           g_ptr_array_index (client_ids, index)));

          if (n % NOTES_PER_BATCH == 0)
            begin (vault);
          write_note (notes, client, written, rand);
          if (n % NOTES_PER_BATCH == NOTES_PER_BATCH - 1 || n == share - 1)
            commit (vault);
        }
      elapsed += now_ms () - start;
    }
  return elapsed;
}

/* ---- measuring ---- */

static void
measure_unlock (AlcoveVault *vault)
{
  g_autoptr(GArray) unlock = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kdf = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AlcoveSecret) secret = password ();
  g_autoptr(GBytes) salt = alcove_crypto_random_bytes (ALCOVE_SALT_SIZE);
  AlcoveKdfParams calibrated;
  double start;

  for (int i = 0; i < 7; i++)
    {
      g_autoptr(AlcoveSecret) kek = NULL;
      double elapsed;

      alcove_vault_lock (vault);
      start = now_ms ();
      unlock_as (vault, "clinician0");
      elapsed = now_ms () - start;
      g_array_append_val (unlock, elapsed);

      start = now_ms ();
      kek = alcove_crypto_derive_kek (secret, salt, &tiny_kdf, NULL);
      elapsed = now_ms () - start;
      g_array_append_val (kdf, elapsed);
    }
  /* the bench vault's slots use a token KDF: what is left is opening every store */
  record ("unlock_no_kdf_ms", "Unlock without the KDF (p50)", "ms",
          percentile (unlock, 50) - percentile (kdf, 50));

  alcove_crypto_calibrate_kdf (500, &calibrated);
  start = now_ms ();
  {
    g_autoptr(AlcoveSecret) kek = alcove_crypto_derive_kek (secret, salt, &calibrated, NULL);
  }
  record ("kdf_ms", "KDF alone (Argon2id, calibrated)", "ms", now_ms () - start);
}

static void
measure_client_list (AlcoveVault *vault)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < 5; i++)
    {
      double start = now_ms (), elapsed;
      g_autoptr(AlcoveClientStore) store = alcove_client_store_new (vault, NULL);

      g_assert (g_list_model_get_n_items (alcove_client_store_get_clients (store)) ==
                (guint) opt_clients);
      elapsed = now_ms () - start;
      g_array_append_val (samples, elapsed);
    }
  record ("client_list_ms", "Client list, every client loaded (p50)", "ms",
          percentile (samples, 50));
}

static void
measure_open_client (AlcoveNoteStore *notes,
                     GPtrArray       *client_ids)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint loaded = 0;

  for (guint i = 0; i < 20; i++)
    {
      const char *id = g_ptr_array_index (client_ids, (i * opt_clinicians) % client_ids->len);
      double start = now_ms (), elapsed;
      g_autoptr(GListModel) list = alcove_note_store_list_for_client (notes, id, FALSE, NULL);

      elapsed = now_ms () - start;
      loaded += g_list_model_get_n_items (list);
      g_array_append_val (samples, elapsed);
    }
  record ("open_client_p50_ms", "Open a client's notes (p50)", "ms", percentile (samples, 50));
  record ("open_client_p95_ms", "Open a client's notes (p95)", "ms", percentile (samples, 95));
  record ("open_client_notes", "Notes per client opened (mean)", "notes", loaded / 20.0);
}

static void
measure_search (AlcoveVault *vault)
{
  static const char * const queries[] = {
    "anxiety", "sleep", "client", "reported", "session",          /* common */
    "quokka", "zygomatic", "marimba", "lighthouse",               /* rare */
    "\"sleep hygiene\"", "\"coping skills\"", "\"relapse prevention\"",  /* phrases */
    "anx", "thera", "rel", "mindful",                             /* prefixes */
    "cafe", "naive",                                              /* folded diacritics */
    "xylophonist", "qwertyuiop", "\"panic lighthouse\"",           /* no hit */
    "Zoë",                                                        /* a client name */
  };
  g_autoptr(AlcoveSearch) search = alcove_search_new (vault);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int round = 0; round < 3; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        double start = now_ms (), elapsed;
        g_autoptr(GError) error = NULL;
        g_autoptr(GListModel) hits = alcove_search_run (search, queries[q], NULL, 50, NULL,
                                                        &error);

        check (hits != NULL, error, "search");
        elapsed = now_ms () - start;
        g_array_append_val (samples, elapsed);
      }
  record ("search_p50_ms", "Search, 22 queries × 3 (p50)", "ms", percentile (samples, 50));
  record ("search_p95_ms", "Search, 22 queries × 3 (p95)", "ms", percentile (samples, 95));
}

static void
measure_autosave_and_sign (AlcoveNoteStore *notes,
                           GPtrArray       *client_ids,
                           GRand           *rand)
{
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) signs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (int n = 0; n < 40; n++)
    {
      const char *client = g_ptr_array_index (client_ids, (n * opt_clinicians) % client_ids->len);
      g_autoptr(AlcoveNote) note = alcove_note_store_create (notes, client, NULL, "soap",
                                                             "2026-01-15", &error);
      double start, elapsed;

      check (note != NULL, error, "create");
      fill_sections (note, rand);
      for (int keystroke = 0; keystroke < 10; keystroke++)
        {
          g_autofree char *text = g_strdup_printf ("%s %d", alcove_note_get_section (note, "plan"),
                                                   keystroke);

          alcove_note_set_section (note, "plan", text);
          start = now_ms ();
          check (alcove_note_store_save (notes, note, &error), error, "autosave");
          elapsed = now_ms () - start;
          g_array_append_val (saves, elapsed);
        }
      start = now_ms ();
      check (alcove_note_store_sign (notes, note, &error), error, "sign");
      elapsed = now_ms () - start;
      g_array_append_val (signs, elapsed);
    }
  record ("autosave_p50_ms", "Autosave of a draft (p50)", "ms", percentile (saves, 50));
  record ("autosave_p99_ms", "Autosave of a draft (p99)", "ms", percentile (saves, 99));
  record ("sign_p50_ms", "Sign a note (p50)", "ms", percentile (signs, 50));
}

/* Verifying the audit log walks the whole HMAC chain and checks the Ed25519 signature of
 * every row this device has not checked before (~110 µs each). The first time on a device
 * that is every row; alcove_vault_verify then records the head in the device record, and a
 * later session (the record is loaded at unlock) checks only the rows written since. */
static double
time_audit_verify (AlcoveVault *vault,
                   gint64      *rows,
                   gint64      *signatures)
{
  AlcoveAudit *audit = alcove_vault_get_audit (vault);
  gint64 bad = 0;
  g_autoptr(GError) error = NULL;
  double start = now_ms (), elapsed;

  check (alcove_audit_verify (audit, rows, &bad, &error), error, "audit verify");
  elapsed = now_ms () - start;
  if (bad != 0)
    g_error ("The audit chain is broken at row %" G_GINT64_FORMAT, bad);
  *signatures = alcove_audit_get_signatures_checked (audit);
  return elapsed;
}

static void
measure_audit (AlcoveVault *vault)
{
  AlcoveVerifyReport verified;
  g_autoptr(GError) error = NULL;
  gint64 rows = 0, signatures = 0, rows_again = 0, signatures_again = 0;
  double first, again;

  /* No device record has an audit head for this signer yet: every signature */
  first = time_audit_verify (vault, &rows, &signatures);
  if (signatures < rows)
    g_error ("A first verification checked %" G_GINT64_FORMAT " signatures of %" G_GINT64_FORMAT
             " rows", signatures, rows);

  /* The realistic path: a full verify records what was checked, and the next session loads
   * it; the lock and unlock between add rows whose signatures are new */
  check (alcove_vault_verify (vault, &verified, &error), error, "vault verify");
  unlock_as (vault, "clinician0");
  again = time_audit_verify (vault, &rows_again, &signatures_again);
  if (signatures_again >= signatures)
    g_error ("Verifying again checked every signature (%" G_GINT64_FORMAT "): the device record"
             " was not used", signatures_again);

  record ("audit_rows", "Audit rows", "rows", rows);
  record ("audit_verify_first_rows_per_s",
          "Audit verification, first on a device (chain + every signature)", "rows/s",
          rows / MAX (first / 1000.0, 1e-6));
  record ("audit_verify_again_rows_per_s",
          "Audit verification, again (chain + new signatures only)", "rows/s",
          rows_again / MAX (again / 1000.0, 1e-6));
  record ("audit_verify_again_signatures", "Audit signatures checked again (new rows)", "rows",
          signatures_again);
}

/* Re-keying: sqlcipher_export of each store into a new file under a new key, then one
 * header write and the session reopened on the new files. The progress function is called
 * before each store is copied, a few times a second while it is, and once after the last:
 * the time between the first call and the last is the copying (with each store's new
 * grants); the rest is fixed, whatever the size. The size is the total it reports: the
 * stores' files before they were copied. The longest wait between two reports is what a
 * person watching the progress sees. */
typedef struct
{
  guint       calls;
  double      bytes;
  double      first_ms;
  double      last_ms;
  double      longest_gap_ms;
} RekeyProgress;

static void
rekey_progress (const char *file,
                guint64     done,
                guint64     total,
                gpointer    user_data)
{
  RekeyProgress *progress = user_data;
  double now = now_ms ();

  if (progress->calls++ == 0)
    progress->first_ms = now;
  else
    progress->longest_gap_ms = MAX (progress->longest_gap_ms, now - progress->last_ms);
  progress->last_ms = now;
  progress->bytes = total;
}

#define MIB (1024.0 * 1024.0)

/* Re-keys every store the session holds and records the figures under `key`; the practice
 * still opens afterwards, under the new keys, with every client. Returns the time 1 GiB of
 * stores would take. */
static double
rekey (AlcoveVault *vault,
       const char  *key,
       const char  *label)
{
  RekeyProgress progress = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveClientStore) store = NULL;
  double start = now_ms (), total_s, copy_s;

  check (alcove_vault_rekey (vault, rekey_progress, &progress, &error), error, "rekey");
  total_s = (now_ms () - start) / 1000.0;
  copy_s = (progress.last_ms - progress.first_ms) / 1000.0;

  unlock_as (vault, "clinician0");
  store = alcove_client_store_new (vault, NULL);
  g_assert (store != NULL);
  /* every client, the ones alcove_bench_record and alcove_bench_documents added, and the
   * imported */
  g_assert (g_list_model_get_n_items (alcove_client_store_get_clients (store)) ==
            (guint) opt_clients + 2 + imported_clients);

#define KEY(suffix) g_intern_string (g_strconcat (key, suffix, NULL))
  record (KEY ("_s"), label, "s", total_s);
  record (KEY ("_mib"), "  stores rotated (their size before)", "MiB", progress.bytes / MIB);
  record (KEY ("_mib_per_s"), "  rate, all of it", "MiB/s",
          progress.bytes / MIB / MAX (total_s, 1e-6));
  record (KEY ("_copy_mib_per_s"), "  rate of the copying alone", "MiB/s",
          progress.bytes / MIB / MAX (copy_s, 1e-6));
  record (KEY ("_fixed_ms"), "  the rest (header write, reopen)", "ms",
          (total_s - copy_s) * 1000.0);
  record (KEY ("_progress_calls"), "  progress calls", "calls", progress.calls);
  record (KEY ("_longest_silence_ms"), "  longest wait between two progress reports", "ms",
          progress.longest_gap_ms);
#undef KEY
  /* a 1 GiB practice: the same fixed part, and the copying at the rate measured */
  return total_s - copy_s + 1024.0 / MAX (progress.bytes / MIB / MAX (copy_s, 1e-6), 1e-6);
}

/* The 1 GiB figure comes from the larger rotation: every store, or the owner's alone when
 * the recovery key cannot open the practice */
static void
measure_rekey (AlcoveVault *vault)
{
  g_autoptr(GError) error = NULL;
  double gib_s;

  /* The owner holds practice.db and their own stores */
  unlock_as (vault, "owner");
  gib_s = rekey (vault, "rekey_owner", "Re-key as the owner (practice + own stores)");
  /* The recovery key holds every store: the whole practice, as after a compromise */
  alcove_vault_lock (vault);
  if (alcove_vault_unlock_with_recovery_key (vault, recovery_code, &error))
    {
      gib_s = rekey (vault, "rekey_all", "Re-key every store (recovery key)");
      alcove_vault_lock (vault);
    }
  else  /* not fatal: the owner's figures stand, and the reason is shown */
    g_printerr ("alcove-bench: no re-key of every store, the recovery key does not open the"
                " practice: %s\n", error->message);
  record ("rekey_1gib_s", "Re-key 1 GiB of stores (extrapolated)", "s", gib_s);
}

static double
directory_size (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  double total = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf info;

      if (g_stat (path, &info) == 0)
        total += info.st_size;
    }
  return total;
}

/* ---- running ---- */

static void
run_workload (const char *dir)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (opt_seed);
  g_autoptr(AlcoveVault) vault = create_vault (dir);
  g_autoptr(GPtrArray) client_ids = create_clients (vault, rand);
  g_autoptr(AlcoveClientStore) clients = NULL;
  g_autoptr(AlcoveNoteStore) notes = NULL;
  struct rusage usage;
  double elapsed;

  elapsed = create_notes (vault, client_ids, rand);
  record ("create_notes_per_s", "Create notes (write, sign, index)", "notes/s",
          opt_notes / MAX (elapsed / 1000.0, 1e-6));

  measure_unlock (vault);  /* leaves clinician0 signed in */
  measure_client_list (vault);
  clients = alcove_client_store_new (vault, NULL);
  notes = alcove_note_store_new (clients);
  measure_open_client (notes, client_ids);
  measure_search (vault);
  measure_autosave_and_sign (notes, client_ids, rand);
  measure_audit (vault);
  alcove_bench_record (vault, rand);
  imported_clients = alcove_bench_import (vault, opt_import_rows);
  alcove_bench_documents (vault, rand);
  alcove_vault_lock (vault);

  /* before the re-key, which rewrites (and so compacts) every store */
  record ("size_mib", "Size on disk", "MiB", directory_size (dir) / (1024.0 * 1024.0));
  getrusage (RUSAGE_SELF, &usage);
  record ("peak_rss_mib", "Peak RSS", "MiB", usage.ru_maxrss / 1024.0);

  measure_rekey (vault);
  alcove_bench_practice (vault, dir, recovery_code);
  /* last: restoring the practice makes this computer take the restored copy as the vault */
  alcove_bench_backup (vault, dir, recovery_code);
}

static JsonNode *
figures_to_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < figures->len; i++)
    {
      Figure *figure = &g_array_index (figures, Figure, i);

      json_builder_set_member_name (builder, figure->key);
      json_builder_add_double_value (builder, figure->value);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
write_json (const char *path,
            JsonNode   *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  check (json_generator_to_file (generator, path, &error), error, "write JSON");
}

/* The same workload through the plaintext build, in its own process */
static JsonObject *
run_plain (char **argv)
{
  g_autofree char *self_dir = g_path_get_dirname (argv[0]);
  g_autofree char *plain = g_build_filename (self_dir, "alcove-bench-plain", NULL);
  g_autofree char *json_dir = g_dir_make_tmp ("alcove-bench-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (json_dir, "plain.json", NULL);
  g_autofree char *clients = g_strdup_printf ("%d", opt_clients);
  g_autofree char *notes = g_strdup_printf ("%d", opt_notes);
  g_autofree char *clinicians = g_strdup_printf ("%d", opt_clinicians);
  g_autofree char *seed = g_strdup_printf ("%d", opt_seed);
  g_autofree char *import_rows = g_strdup_printf ("%d", opt_import_rows);
  const char *child_argv[] = { plain, "--clients", clients, "--notes", notes, "--clinicians",
                               clinicians, "--seed", seed, "--import-rows", import_rows,
                               "--child-json", json, NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  child = g_subprocess_newv (child_argv, G_SUBPROCESS_FLAGS_NONE, &error);
  check (child != NULL && g_subprocess_wait_check (child, NULL, &error), error,
         "the plaintext run");
  check (json_parser_load_from_file (parser, json, &error), error, "read the plaintext figures");
  g_unlink (json);
  g_rmdir (json_dir);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
read_first_line (const char *path,
                 const char *prefix)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("unknown");
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (g_strstrip (strchr (lines[i], ':') + 1));
  return g_strdup ("unknown");
}

static void
add_machine (JsonBuilder *builder)
{
  g_autofree char *cpu = read_first_line ("/proc/cpuinfo", "model name");
  g_autofree char *memory = read_first_line ("/proc/meminfo", "MemTotal");

  json_builder_set_member_name (builder, "machine");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cpu");
  json_builder_add_string_value (builder, cpu);
  json_builder_set_member_name (builder, "cores");
  json_builder_add_int_value (builder, g_get_num_processors ());
  json_builder_set_member_name (builder, "memory");
  json_builder_add_string_value (builder, memory);
  json_builder_set_member_name (builder, "sqlcipher");
  json_builder_add_string_value (builder, alcove_database_sqlcipher_version ());
  json_builder_end_object (builder);
}

/* printf pads by bytes; the labels and values have "×", "µ" and "—" in them. The text
 * padded to `width` characters, in one of a few buffers reused in turn. */
static const char *
pad_to (const char *text,
        guint       width,
        gboolean    left)
{
  static GString *buffers[4];
  static guint next;
  GString **buffer = &buffers[next++ % G_N_ELEMENTS (buffers)];
  glong length = g_utf8_strlen (text, -1);

  if (*buffer == NULL)
    *buffer = g_string_new (NULL);
  g_string_truncate (*buffer, 0);
  if (!left)
    g_string_append (*buffer, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (*buffer, ' ');
  if (left)
    g_string_append (*buffer, text);
  return (*buffer)->str;
}

static const char *
pad (const char *text,
     guint       width)
{
  return pad_to (text, width, FALSE);
}

static const char *
pad_left (const char *text,
          guint       width)
{
  return pad_to (text, width, TRUE);
}

static void
report (JsonObject *plain)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_print ("\nAlcove benchmark — %d clients, %d notes, %d clinicians, seed %d\n\n", opt_clients,
           opt_notes, opt_clinicians, opt_seed);
  g_print ("%s %14s %14s %8s\n", pad ("", 66), "encrypted", "plain SQLite", "ratio");
  json_builder_begin_object (builder);
  add_machine (builder);
  json_builder_set_member_name (builder, "sizes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clients");
  json_builder_add_int_value (builder, opt_clients);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_int_value (builder, opt_notes);
  json_builder_set_member_name (builder, "clinicians");
  json_builder_add_int_value (builder, opt_clinicians);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, opt_seed);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  for (guint i = 0; i < figures->len; i++)
    {
      Figure *figure = &g_array_index (figures, Figure, i);
      /* a figure the plaintext run did not measure shows "—" */
      gboolean measured = json_object_has_member (plain, figure->key);
      double other = json_object_get_double_member_with_default (plain, figure->key, 0);
      gboolean throughput = g_str_has_suffix (figure->unit, "/s");
      /* a cost ratio: how much more encryption takes, whether time or throughput */
      double ratio = throughput ? (figure->value > 0 ? other / figure->value : 0)
                                : (other > 0 ? figure->value / other : 0);
      g_autofree char *value = g_strdup_printf ("%.2f %s", figure->value, figure->unit);
      g_autofree char *plain_value = measured ? g_strdup_printf ("%.2f %s", other, figure->unit)
                                              : g_strdup ("—");
      g_autofree char *ratio_text = measured ? g_strdup_printf ("%.2f", ratio) : g_strdup ("—");

      g_print ("%s %s %s %s\n", pad (figure->label, 66), pad_left (value, 14),
               pad_left (plain_value, 14), pad_left (ratio_text, 8));
      json_builder_set_member_name (builder, figure->key);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "encrypted");
      json_builder_add_double_value (builder, figure->value);
      json_builder_set_member_name (builder, "plain");
      if (measured)
        json_builder_add_double_value (builder, other);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "ratio");
      if (measured)
        json_builder_add_double_value (builder, ratio);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, figure->unit);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  g_print ("\nRatio: what encryption costs, encrypted/plain for times and sizes and"
           " plain/encrypted for rates; 1.00 is free.\n");
  root = json_builder_get_root (builder);
  if (opt_json != NULL)
    write_json (opt_json, root);
}

void
remove_tree (const char *path)
{
  g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  static GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &opt_clients, "Clients in the practice", "N" },
    { "notes", 0, 0, G_OPTION_ARG_INT, &opt_notes, "Notes in the practice", "N" },
    { "clinicians", 0, 0, G_OPTION_ARG_INT, &opt_clinicians, "Clinicians writing them", "N" },
    { "import-rows", 0, 0, G_OPTION_ARG_INT, &opt_import_rows,
      "Rows of the client list to import", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the synthetic practice", "N" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &opt_json, "Write every figure to FILE", "FILE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Build the vault in DIR (must not exist)",
      "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the vault afterwards", NULL },
    { "child-json", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_child_json, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure Alcove on a synthetic"
                                                            " practice");
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *state = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_clients < 10 || opt_notes < 10 || opt_clinicians < 1)
    {
      g_printerr ("Use at least 10 clients, 10 notes and 1 clinician\n");
      return 2;
    }
  setlocale (LC_ALL, "");
  alcove_harden_process ();
  figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  parent = g_dir_make_tmp ("alcove-bench-XXXXXX", &error);
  check (parent != NULL, error, "temporary folder");
  /* The device records (alcove/seen/) and sign-in attempts of a throwaway practice stay
   * out of the user's own state folder; a fresh one also makes every verification of the
   * audit log start as the first on a device. Set before GLib reads it. */
  state = g_build_filename (parent, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  dir = opt_dir ? g_strdup (opt_dir) : g_build_filename (parent, "vault", NULL);

  run_workload (dir);

  if (opt_child_json != NULL)
    {
      g_autoptr(JsonNode) root = figures_to_json ();

      write_json (opt_child_json, root);
    }
  else
    {
      g_autoptr(JsonObject) plain = run_plain (argv);

      report (plain);
    }
  if (!opt_keep)
    remove_tree (dir);
  remove_tree (state);
  alcove_secret_free (recovery_code);
  g_rmdir (parent);
  return 0;
}
