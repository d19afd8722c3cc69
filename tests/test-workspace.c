/* test-workspace.c — the signed-in session: one store of each kind, and every change told by
 * the store that made it, to the views of that session only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-workspace"

#include "config.h"

#include "alcove-disclosure-rules.h"
#include "alcove-test-utils.h"
#include "alcove-workspace.h"

typedef struct
{
  guint notes_changed;
  guint notes_deleted;
  guint sessions_changed;
  guint consents_changed;
  guint disclosures_recorded;
  char *last_client_id;
} Heard;

static void
heard_clear (Heard *heard)
{
  g_clear_pointer (&heard->last_client_id, g_free);
}

static void
note_changed_cb (AlcoveNoteStore *notes,
                 AlcoveNote      *note,
                 Heard           *heard)
{
  heard->notes_changed++;
  g_free (heard->last_client_id);
  heard->last_client_id = g_strdup (alcove_note_get_client_id (note));
}

static void
note_deleted_cb (AlcoveNoteStore *notes,
                 const char      *note_id,
                 const char      *client_id,
                 Heard           *heard)
{
  heard->notes_deleted++;
}

static void
sessions_changed_cb (AlcoveClientStore *clients,
                     const char        *client_id,
                     Heard             *heard)
{
  heard->sessions_changed++;
}

static void
consents_changed_cb (AlcoveConsentStore *consents,
                     const char         *client_id,
                     Heard              *heard)
{
  heard->consents_changed++;
}

static void
recorded_cb (AlcoveDisclosureStore *disclosures,
             AlcoveDisclosure      *disclosure,
             Heard                 *heard)
{
  heard->disclosures_recorded++;
}

static void
listen (AlcoveWorkspace *workspace,
        Heard           *heard)
{
  g_signal_connect (alcove_workspace_get_notes (workspace), "note-changed",
                    G_CALLBACK (note_changed_cb), heard);
  g_signal_connect (alcove_workspace_get_notes (workspace), "note-deleted",
                    G_CALLBACK (note_deleted_cb), heard);
  g_signal_connect (alcove_workspace_get_clients (workspace), "sessions-changed",
                    G_CALLBACK (sessions_changed_cb), heard);
  g_signal_connect (alcove_workspace_get_consents (workspace), "changed",
                    G_CALLBACK (consents_changed_cb), heard);
  g_signal_connect (alcove_workspace_get_disclosures (workspace), "recorded",
                    G_CALLBACK (recorded_cb), heard);
}

static AlcoveVault *
unlocked_vault (const char *dir)
{
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (dir, NULL);

  return alcove_test_unlocked_vault (dir, "dana", TEST_PASSWORD);
}

static char *
add_client (AlcoveWorkspace *workspace)
{
  g_autoptr(AlcoveClient) client = alcove_client_new ();
  g_autoptr(GError) error = NULL;

  alcove_client_set_field (client, ALCOVE_CLIENT_PREFERRED_NAME, "Rowan Pike");
  alcove_client_set_field (client, ALCOVE_CLIENT_DATE_OF_BIRTH, "1990-04-02");
  g_assert_true (alcove_client_store_save (alcove_workspace_get_clients (workspace), client,
                                           &error));
  g_assert_no_error (error);
  return g_strdup (alcove_client_get_id (client));
}

/* One instance of each store, tied together: the note store reads the session's clients */
static void
test_one_store_each (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveWorkspace) workspace = alcove_workspace_new (vault, &error);
  AlcoveClientStore *clients;
  gpointer weak_clients;

  g_assert_no_error (error);
  clients = alcove_workspace_get_clients (workspace);
  g_assert_true (alcove_workspace_get_clients (workspace) == clients);
  g_assert_true (alcove_note_store_get_clients (alcove_workspace_get_notes (workspace)) == clients);
  g_assert_true (alcove_workspace_get_vault (workspace) == vault);
  g_assert_nonnull (alcove_workspace_get_consents (workspace));
  g_assert_nonnull (alcove_workspace_get_disclosures (workspace));
  g_assert_nonnull (alcove_workspace_get_search (workspace));

  /* dropping the session drops its stores */
  weak_clients = clients;
  g_object_add_weak_pointer (G_OBJECT (clients), &weak_clients);
  g_clear_object (&workspace);
  g_assert_null (weak_clients);
}

/* A locked vault makes no session */
static void
test_locked_vault_refused (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlcoveWorkspace) workspace = NULL;

  alcove_vault_lock (vault);
  workspace = alcove_workspace_new (vault, &error);
  g_assert_null (workspace);
  g_assert_error (error, ALCOVE_VAULT_ERROR, ALCOVE_VAULT_ERROR_LOCKED);
}

/* Every write of a note is told once, with the note; session rows hear when a note's
 * status moves */
static void
test_note_signals (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  g_autoptr(AlcoveWorkspace) workspace = alcove_workspace_new (vault, NULL);
  AlcoveNoteStore *notes = alcove_workspace_get_notes (workspace);
  g_autofree char *client_id = add_client (workspace);
  g_autoptr(AlcoveNote) note = NULL;
  g_autoptr(AlcoveNote) draft = NULL;
  g_autoptr(GError) error = NULL;
  Heard heard = { 0 };

  listen (workspace, &heard);
  note = alcove_note_store_create (notes, client_id, NULL, "soap", "2025-01-07", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heard.notes_changed, ==, 1);
  /* its new session was added, then given a note */
  g_assert_cmpuint (heard.sessions_changed, ==, 2);
  g_assert_cmpstr (heard.last_client_id, ==, client_id);

  alcove_note_set_section (note, "subjective", "Slept better this week.");
  alcove_note_set_section (note, "objective", "Calm.");
  alcove_note_set_section (note, "assessment", "Improving.");
  alcove_note_set_section (note, "plan", "Continue.");
  g_assert_true (alcove_note_store_save (notes, note, &error));
  g_assert_cmpuint (heard.notes_changed, ==, 2);
  g_assert_cmpuint (heard.sessions_changed, ==, 2);

  g_assert_true (alcove_note_store_sign (notes, note, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.notes_changed, ==, 3);
  g_assert_cmpuint (heard.sessions_changed, ==, 3);

  g_assert_true (alcove_note_store_add_addendum (notes, note, "Phone call the next day.",
                                                 &error));
  g_assert_cmpuint (heard.notes_changed, ==, 4);

  /* a refused write is not told */
  g_assert_false (alcove_note_store_save (notes, note, NULL));
  g_assert_cmpuint (heard.notes_changed, ==, 4);

  draft = alcove_note_store_create (notes, client_id, NULL, "dap", "2025-01-14", &error);
  g_assert_true (alcove_note_store_delete_draft (notes, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.notes_deleted, ==, 1);
  g_assert_cmpuint (heard.sessions_changed, ==, 6);
  heard_clear (&heard);
}

/* No process-wide registry: a store outside the session, or another session, hears nothing
 * of this one, and this one hears nothing of theirs */
static void
test_sessions_are_apart (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  g_autoptr(AlcoveWorkspace) workspace = alcove_workspace_new (vault, NULL);
  g_autoptr(AlcoveWorkspace) other = alcove_workspace_new (vault, NULL);
  g_autofree char *client_id = add_client (workspace);
  g_autoptr(AlcoveConsent) outside = NULL;
  g_autoptr(AlcoveNote) note = NULL;
  Heard heard = { 0 }, heard_other = { 0 };

  listen (workspace, &heard);
  listen (other, &heard_other);
  /* through a consent store of its own, as the test helper does */
  outside = alcove_test_add_release (vault, client_id, "Dr. Lee", "attendance", "legal",
                                     "2025-01-02", "2099-12-31");
  g_assert_cmpuint (heard.consents_changed, ==, 0);
  g_assert_cmpuint (heard_other.consents_changed, ==, 0);

  note = alcove_note_store_create (alcove_workspace_get_notes (workspace), client_id, NULL,
                                   "soap", "2025-01-07", NULL);
  g_assert_nonnull (note);
  g_assert_cmpuint (heard.notes_changed, ==, 1);
  g_assert_cmpuint (heard_other.notes_changed, ==, 0);
  heard_clear (&heard);
  heard_clear (&heard_other);
}

static void
test_consent_and_disclosure_signals (void)
{
  g_autofree char *dir = alcove_test_vault_dir ();
  g_autoptr(AlcoveVault) vault = unlocked_vault (dir);
  g_autoptr(AlcoveWorkspace) workspace = alcove_workspace_new (vault, NULL);
  g_autofree char *client_id = add_client (workspace);
  g_autoptr(AlcoveConsent) consent = alcove_consent_new (client_id, "intake");
  g_autoptr(AlcoveDisclosure) disclosure = NULL;
  g_autoptr(GDate) day = g_date_new_dmy (4, 3, 2025);
  const char *categories[] = { "attendance", NULL };
  AlcoveDisclosureRequest request = {
    .client_id = client_id, .recipient = "Dr. Lee", .recipient_kind = "health-care-provider",
    .attested = TRUE, .categories = categories, .purpose = "legal",
    .basis = ALCOVE_BASIS_TREATMENT, .justification = "", .document_id = "", .day = day };
  g_autoptr(GError) error = NULL;
  Heard heard = { 0 };

  listen (workspace, &heard);
  g_assert_true (alcove_consent_store_save (alcove_workspace_get_consents (workspace), consent,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.consents_changed, ==, 1);

  disclosure = alcove_disclosure_store_share (alcove_workspace_get_disclosures (workspace),
                                              &request, "", "Attendance dates.", &error);
  g_assert_no_error (error);
  g_assert_nonnull (disclosure);
  g_assert_cmpuint (heard.disclosures_recorded, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init (&argc, &argv);
  g_test_add_func ("/workspace/one-store-each", test_one_store_each);
  g_test_add_func ("/workspace/locked-vault-refused", test_locked_vault_refused);
  g_test_add_func ("/workspace/note-signals", test_note_signals);
  g_test_add_func ("/workspace/sessions-are-apart", test_sessions_are_apart);
  g_test_add_func ("/workspace/consent-and-disclosure-signals",
                   test_consent_and_disclosure_signals);
  return g_test_run ();
}
