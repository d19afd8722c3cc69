/* alcove-setup-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-password-row.h"
#include "alcove-secure-buffer.h"
#include "alcove-crypto.h"
#include "alcove-jurisdiction-row.h"
#include "alcove-password-quality.h"
#include "alcove-restore-page.h"
#include "alcove-secret.h"
#include "alcove-setup-page.h"
#include "alcove-text.h"

/* First-run setup: one step per page, and nothing written anywhere until "Create Vault".
 * The recovery key is drawn when its step is first shown, so that the person sees, saves and
 * confirms the very key the vault is then created with. Passwords go from their entries
 * (GtkPasswordEntryBuffer, non-pageable) straight into AlcoveSecrets; nothing secret is
 * kept in ordinary memory, and everything is wiped when setup finishes or the page goes. */

typedef enum
{
  STEP_WELCOME,
  STEP_KIND,
  STEP_PRACTICE,
  STEP_OWNER,
  STEP_RECOVERY,
  STEP_KEYRING,
  STEP_AUTOLOCK,
  STEP_DONE,
  N_STEPS
} Step;

static const char * const step_names[N_STEPS] = {
  "welcome", "kind", "practice", "owner", "recovery", "keyring", "autolock", "done",
};

typedef enum
{
  KIND_NONE,
  KIND_SOLO,
  KIND_GROUP,
} Kind;

#define SOLO_AUTO_LOCK_MINUTES  5
#define GROUP_AUTO_LOCK_MINUTES 2
#define LAST_GROUP_CHARS        4
#define GROUPS_PER_LINE         5
#define STRONG_SCORE            70
#define GOOD_SCORE              40

struct _AlcoveSetupPage
{
  AdwBin               parent_instance;

  AlcoveVault         *vault;
  GSettings           *settings;

  Step                 step;
  Kind                 kind;
  gboolean             busy;
  gboolean             created;
  gboolean             finished;
  gboolean             password_ok;
  gboolean             username_edited;
  gboolean             suggesting_username;

  AlcoveSecret        *recovery_key;   /* 32 random bytes, drawn when step 5 is first shown */
  AlcoveSecret        *recovery_code;  /* the same key as the grouped code people see */

  GtkNativeDialog     *save_dialog;
  GtkPrintOperation   *print_operation;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *next_button;
  GtkStack            *stack;
  AdwActionRow        *solo_row;
  AdwActionRow        *group_row;
  GtkCheckButton      *solo_check;
  GtkCheckButton      *group_check;
  AdwEntryRow         *practice_row;
  AdwComboRow         *jurisdiction_row;
  AdwEntryRow         *full_name_row;
  AdwEntryRow         *username_row;
  GtkLabel            *username_hint;
  AlcovePasswordRow   *password_row;
  GtkLevelBar         *strength_bar;
  GtkLabel            *password_hint;
  AlcovePasswordRow   *confirm_row;
  GtkLabel            *confirm_hint;
  GtkLabel            *recovery_label;
  AdwEntryRow         *last_group_row;
  GtkLabel            *last_group_hint;
  GtkSwitch           *keyring_switch;
  GtkSpinButton       *autolock_spin;
  AdwActionRow        *summary_practice_row;
  AdwActionRow        *summary_owner_row;
  AdwActionRow        *summary_keyring_row;
  AdwActionRow        *summary_autolock_row;
  AdwActionRow        *summary_location_row;
  GtkLabel            *error_label;
  AdwStatusPage       *creating_status;
  GtkSpinner          *spinner;
  GtkWidget           *create_button;
  AlcoveRestorePage   *restore_page;   /* "Restore from a Backup", once asked for */
  gboolean             restoring;
};

G_DEFINE_FINAL_TYPE (AlcoveSetupPage, alcove_setup_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void go_to_step (AlcoveSetupPage *self,
                        Step             step);

/* ---- small helpers ---- */

static char *
dup_trimmed_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* The entry's text, copied straight into locked memory */
static AlcoveSecret *
secret_from_editable (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return alcove_secret_new_from_data (text, strlen (text));
}

static void
set_hint (GtkLabel   *label,
          const char *text,
          gboolean    is_error)
{
  gtk_label_set_text (label, text);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
set_row_error (gpointer row,
               gboolean is_error)
{
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Toasts go to the window's overlay when there is one, so that a message given just before
 * "finished" outlives this page; otherwise to the page's own. */
static void
show_toast (AlcoveSetupPage *self,
            const char      *message,
            guint            timeout)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *overlay = parent ? gtk_widget_get_ancestor (parent, ADW_TYPE_TOAST_OVERLAY) : NULL;
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (overlay ? ADW_TOAST_OVERLAY (overlay) : self->toast_overlay, toast);
}

/* "ABCD-EFGH-…" laid out as lines of GROUPS_PER_LINE groups, in locked memory and followed by
 * a NUL so that it can be handed to a label or Pango. */
static AlcoveSecret *
code_display_text (const AlcoveSecret *code)
{
  const char *in = (const char *) alcove_secret_get_data (code);
  gsize size = alcove_secret_get_size (code);
  AlcoveSecret *display = alcove_secret_new (size + 1);
  char *out = (char *) alcove_secret_get_data (display);
  guint group = 0;

  for (gsize i = 0; i < size; i++)
    {
      if (in[i] == '-' && ++group % GROUPS_PER_LINE == 0)
        out[i] = '\n';
      else
        out[i] = in[i];
    }
  out[size] = '\0';
  alcove_secret_set_size (display, size);
  return display;
}

static const char *
recovery_explanation (void)
{
  return _("This key opens every record in the practice’s vault. It is the only way back in "
           "if a password is forgotten or the login keyring is lost. Keep it somewhere safe, "
           "away from the computer: anyone who has it can read the records.");
}

/* The text of the saved file: a heading, the code and what it is for. */
static AlcoveSecret *
recovery_sheet_text (AlcoveSetupPage *self)
{
  g_autofree char *practice = dup_trimmed_text (self->practice_row);
  /* Translators: the first line of the saved recovery key file; %s is the practice's name */
  g_autofree char *head = g_strdup_printf (_("Alcove recovery key for %s"), practice);
  g_autofree char *tail = g_strconcat (recovery_explanation (), "\n\n",
                                       _("Do not keep this file on the computer that holds the "
                                         "vault: print it, or copy it to a USB stick that you "
                                         "keep locked away, then delete it."), "\n", NULL);
  g_autoptr(AlcoveSecret) display = code_display_text (self->recovery_code);
  const char *parts[] = { head, "\n\n", (const char *) alcove_secret_get_data (display),
                          "\n\n", tail };
  gsize sizes[G_N_ELEMENTS (parts)];
  gsize total = 0, offset = 0;
  AlcoveSecret *sheet;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    total += sizes[i] = strlen (parts[i]);
  sheet = alcove_secret_new (total);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      memcpy (alcove_secret_get_data (sheet) + offset, parts[i], sizes[i]);
      offset += sizes[i];
    }
  return sheet;
}

/* "Maria López" → "maria": the first name, lower-case, as the letters a username may use */
static char *
suggest_username (const char *full_name)
{
  g_autofree char *ascii = g_str_to_ascii (full_name, "C");
  GString *username = g_string_new (NULL);
  const char *p = ascii;

  while (*p != '\0' && g_ascii_isspace (*p))
    p++;
  for (; *p != '\0' && !g_ascii_isspace (*p) && username->len < 32; p++)
    if (g_ascii_isalnum (*p) || (username->len > 0 && strchr ("._-", *p) != NULL))
      g_string_append_c (username, g_ascii_tolower (*p));
  while (username->len > 0 && strchr ("._-", username->str[username->len - 1]) != NULL)
    g_string_truncate (username, username->len - 1);
  return g_string_free (username, FALSE);
}

/* ---- validation ---- */

static gboolean
passwords_match (AlcoveSetupPage *self)
{
  g_autoptr(AlcoveSecret) password = secret_from_editable (self->password_row);
  g_autoptr(AlcoveSecret) confirm = secret_from_editable (self->confirm_row);

  return alcove_secret_equal (password, confirm);
}

static gboolean
owner_is_valid (AlcoveSetupPage *self)
{
  g_autofree char *username = dup_trimmed_text (self->username_row);
  const char *full_name = gtk_editable_get_text (GTK_EDITABLE (self->full_name_row));

  return !alcove_text_is_blank (full_name) &&
         alcove_username_is_valid (username) &&
         self->password_ok &&
         passwords_match (self);
}

static gboolean
last_group_matches (AlcoveSetupPage *self)
{
  g_autofree char *typed = dup_trimmed_text (self->last_group_row);
  const char *code;
  gsize size;

  if (self->recovery_code == NULL)
    return FALSE;
  code = (const char *) alcove_secret_get_data (self->recovery_code);
  size = alcove_secret_get_size (self->recovery_code);
  return size >= LAST_GROUP_CHARS && strlen (typed) == LAST_GROUP_CHARS &&
         g_ascii_strncasecmp (typed, code + size - LAST_GROUP_CHARS, LAST_GROUP_CHARS) == 0;
}

static gboolean
step_is_complete (AlcoveSetupPage *self,
                  Step             step)
{
  switch (step)
    {
    case STEP_KIND:
      return self->kind != KIND_NONE;
    case STEP_PRACTICE:
      return !alcove_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->practice_row)));
    case STEP_OWNER:
      return owner_is_valid (self);
    case STEP_RECOVERY:
      return last_group_matches (self);
    case STEP_WELCOME:
    case STEP_KEYRING:
    case STEP_AUTOLOCK:
    case STEP_DONE:
      return TRUE;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_actions (AlcoveSetupPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = !self->busy && !self->finished;

  gtk_widget_action_set_enabled (widget, "setup.next",
                                 idle && !self->restoring && step_is_complete (self, self->step));
  gtk_widget_action_set_enabled (widget, "setup.back",
                                 idle && !self->created &&
                                 (self->restoring || self->step > STEP_WELCOME));
  gtk_widget_action_set_enabled (widget, "setup.restore",
                                 idle && !self->restoring && self->step == STEP_WELCOME);
  gtk_widget_action_set_enabled (widget, "setup.save-recovery-key",
                                 idle && self->recovery_code != NULL);
  gtk_widget_action_set_enabled (widget, "setup.print-recovery-key",
                                 idle && self->recovery_code != NULL);
}

static void
update_owner_step (AlcoveSetupPage *self)
{
  g_autoptr(AlcoveSecret) password = secret_from_editable (self->password_row);
  g_autofree char *username = dup_trimmed_text (self->username_row);
  g_autoptr(GError) error = NULL;
  gboolean username_bad = *username != '\0' && !alcove_username_is_valid (username);
  gboolean mismatch;
  int score = 0;

  if (username_bad)
    set_hint (self->username_hint,
              _("A username is 1 to 32 letters, digits, dots, dashes or underscores, starting "
                "with a letter or digit."), TRUE);
  else
    set_hint (self->username_hint,
              _("You type it to sign in: lower-case letters, digits, dots, dashes or "
                "underscores."), FALSE);
  set_row_error (self->username_row, username_bad);

  if (alcove_secret_get_size (password) == 0)
    {
      self->password_ok = FALSE;
      gtk_level_bar_set_value (self->strength_bar, 0);
      set_hint (self->password_hint,
                _("At least 10 characters. A few unrelated words are strong and easy to "
                  "remember."), FALSE);
      set_row_error (self->password_row, FALSE);
    }
  else if (alcove_password_quality_check (password, *username ? username : NULL, &score, &error))
    {
      self->password_ok = TRUE;
      gtk_level_bar_set_value (self->strength_bar, CLAMP (score, 10, 100));
      set_hint (self->password_hint,
                score >= STRONG_SCORE ? _("Strong password.")
                : score >= GOOD_SCORE ? _("Good password.")
                : _("Acceptable password. A longer one would be stronger."), FALSE);
      set_row_error (self->password_row, FALSE);
    }
  else
    {
      self->password_ok = FALSE;
      gtk_level_bar_set_value (self->strength_bar, 0);
      set_hint (self->password_hint, error->message, TRUE);
      set_row_error (self->password_row, TRUE);
    }

  mismatch = *gtk_editable_get_text (GTK_EDITABLE (self->confirm_row)) != '\0' &&
             !passwords_match (self);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_hint), mismatch);
  set_row_error (self->confirm_row, mismatch);
}

static void
update_recovery_step (AlcoveSetupPage *self)
{
  g_autofree char *typed = dup_trimmed_text (self->last_group_row);
  gboolean wrong = strlen (typed) >= LAST_GROUP_CHARS && !last_group_matches (self);

  if (wrong)
    set_hint (self->last_group_hint,
              _("That is not the last group. Look again at the four characters at the end of "
                "the key."), TRUE);
  else
    set_hint (self->last_group_hint,
              _("These four characters must be the last group of the key above."), FALSE);
  set_row_error (self->last_group_row, wrong);
}

static void
update_summary (AlcoveSetupPage *self)
{
  g_autofree char *practice = dup_trimmed_text (self->practice_row);
  g_autofree char *full_name = dup_trimmed_text (self->full_name_row);
  g_autofree char *username = dup_trimmed_text (self->username_row);
  /* Translators: the owner in the summary before creating: full name, then username */
  g_autofree char *owner = g_strdup_printf (_("%s, signs in as “%s”"), full_name, username);
  int minutes = gtk_spin_button_get_value_as_int (self->autolock_spin);
  g_autofree char *autolock = g_strdup_printf (ngettext ("After %d minute without activity",
                                                         "After %d minutes without activity",
                                                         minutes), minutes);

  adw_action_row_set_subtitle (self->summary_practice_row, practice);
  adw_action_row_set_subtitle (self->summary_owner_row, owner);
  adw_action_row_set_subtitle (self->summary_keyring_row,
                               gtk_switch_get_active (self->keyring_switch)
                               ? _("Opens with your login keyring on this computer")
                               : _("Opens with your password only"));
  adw_action_row_set_subtitle (self->summary_autolock_row, autolock);
  adw_action_row_set_subtitle (self->summary_location_row, alcove_vault_get_path (self->vault));
}

static void
update_header (AlcoveSetupPage *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (self->window_title,
                              self->finished ? _("Vault Ready")
                              : gtk_stack_page_get_title (gtk_stack_get_page (self->stack, child)));
  if (!self->busy && !self->finished && !self->restoring)
    /* Translators: under the header bar's title, e.g. "Step 3 of 8" */
    subtitle = g_strdup_printf (_("Step %d of %d"), (int) self->step + 1, (int) N_STEPS);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_button_set_label (self->next_button,
                        self->step == STEP_DONE ? _("_Create Vault") : _("_Next"));
  /* its mnemonic label names it; GTK 4.8 would add the raw label and read it twice */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->next_button),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          (self->restoring || self->step > STEP_WELCOME) && !self->busy &&
                          !self->finished);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          !self->busy && !self->finished && !self->restoring);
}

/* ---- secrets ---- */

static void
make_recovery_key (AlcoveSetupPage *self)
{
  g_autoptr(AlcoveSecret) display = NULL;

  g_assert (self->recovery_key == NULL);

  self->recovery_key = alcove_secret_new_random (ALCOVE_KEY_SIZE);
  self->recovery_code = alcove_crypto_recovery_code_format (self->recovery_key);
  display = code_display_text (self->recovery_code);
  gtk_label_set_text (self->recovery_label, (const char *) alcove_secret_get_data (display));
}

static void
wipe_secrets (AlcoveSetupPage *self)
{
  g_clear_pointer (&self->recovery_key, alcove_secret_free);
  g_clear_pointer (&self->recovery_code, alcove_secret_free);
  if (self->recovery_label != NULL)
    gtk_label_set_text (self->recovery_label, "");
  if (self->last_group_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->last_group_row), "");
  if (self->password_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (self->confirm_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

/* ---- creating the vault ---- */

typedef struct
{
  AlcoveSetupPage *page;
  AlcoveVault     *vault;
  char            *practice_name;
  char            *username;
  char            *full_name;
  AlcoveSecret    *password;
  AlcoveSecret    *recovery_key;
  gboolean         created;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->vault);
  g_free (data->practice_name);
  g_free (data->username);
  g_free (data->full_name);
  g_clear_pointer (&data->password, alcove_secret_free);
  g_clear_pointer (&data->recovery_key, alcove_secret_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CreateData, create_data_free)

static void create_done (CreateData   *data,
                         const GError *error);

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CreateData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) wrapped = NULL;

  if (!alcove_vault_unlock_finish (ALCOVE_VAULT (source), result, &error))
    wrapped = g_error_new (error->domain, error->code,
                           _("The vault was created, but it could not be opened: %s"),
                           error->message);
  create_done (data, wrapped);
}

/* Opened with the owner's password at once: the setup ends signed in */
static void
open_created (CreateData *data)
{
  alcove_vault_unlock_with_password_async (data->vault, data->username, data->password, NULL,
                                           opened_cb, data);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CreateData *data = user_data;
  g_autoptr(AlcoveSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  if (!alcove_vault_create_finish (ALCOVE_VAULT (source), result, &code, &error))
    {
      create_done (data, error);
      return;
    }
  data->created = TRUE;
  open_created (data);
}

/* `keyring_error`: the keyring was asked for and could not be used */
static void
finish (AlcoveSetupPage *self,
        const GError    *keyring_error)
{
  self->busy = FALSE;
  if (keyring_error != NULL)
    {
      g_debug ("Keyring slot not added: %s", keyring_error->message);
      show_toast (self, _("The login keyring could not be used; your password opens the vault"),
                  10);
    }
  g_settings_set_int (self->settings, "auto-lock-minutes",
                      gtk_spin_button_get_value_as_int (self->autolock_spin));

  self->finished = TRUE;
  wipe_secrets (self);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  adw_status_page_set_icon_name (self->creating_status, "emblem-ok-symbolic");
  adw_status_page_set_title (self->creating_status, _("Your Vault Is Ready"));
  adw_status_page_set_description (self->creating_status, NULL);
  update_header (self);
  update_actions (self);

  g_signal_emit (self, signals[FINISHED], 0);
}

/* Back to the step where the problem can be fixed, with everything typed still in place. */
static void
show_create_error (AlcoveSetupPage *self,
                   const GError    *error)
{
  Step step = STEP_DONE;

  if (!self->created && error->domain == ALCOVE_VAULT_ERROR)
    {
      if (error->code == ALCOVE_VAULT_ERROR_WEAK_PASSWORD)
        step = STEP_OWNER;
      else if (error->code == ALCOVE_VAULT_ERROR_INVALID)
        step = alcove_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->practice_row)))
               ? STEP_PRACTICE : STEP_OWNER;
    }

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  /* On another step the summary's error label is out of sight. */
  if (step != STEP_DONE)
    show_toast (self, error->message, 0);
  go_to_step (self, step);
}

static void
keyring_slot_added_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AlcoveSetupPage) self = user_data;
  g_autoptr(GError) error = NULL;

  alcove_vault_add_keyring_slot_finish (ALCOVE_VAULT (source), result, &error);
  finish (self, error);
}

/* Takes `data` */
static void
create_done (CreateData   *data,
             const GError *error)
{
  g_autoptr(CreateData) owned = data;
  AlcoveSetupPage *self = data->page;
  g_autoptr(GError) jurisdiction_error = NULL;

  self->created |= data->created;

  if (error != NULL)
    {
      self->busy = FALSE;
      gtk_spinner_stop (self->spinner);
      show_create_error (self, error);
      return;
    }
  /* the owner is signed in now, and only an owner signs practice settings */
  if (!alcove_practice_set_jurisdiction (self->vault,
                                         alcove_jurisdiction_row_get_selected (self->jurisdiction_row),
                                         &jurisdiction_error))
    {
      g_warning ("The practice's privacy law was not saved: %s", jurisdiction_error->message);
      show_toast (self, _("The privacy law was not saved: choose it again in Preferences"), 10);
    }
  /* the keyring's D-Bus call without waiting for it; the spinner turns meanwhile */
  if (gtk_switch_get_active (self->keyring_switch))
    {
      alcove_vault_add_keyring_slot_async (self->vault, NULL, keyring_slot_added_cb,
                                           g_object_ref (self));
      return;
    }
  finish (self, NULL);
}

/* Two Argon2 runs of about half a second each (creating, then opening), off the main
 * thread in the core */
static void
start_create (AlcoveSetupPage *self)
{
  CreateData *data = g_new0 (CreateData, 1);
  AlcoveVaultSetup setup = { 0 };

  data->page = g_object_ref (self);
  data->vault = g_object_ref (self->vault);
  data->practice_name = dup_trimmed_text (self->practice_row);
  data->full_name = dup_trimmed_text (self->full_name_row);
  data->username = dup_trimmed_text (self->username_row);
  data->password = secret_from_editable (self->password_row);
  data->recovery_key = alcove_secret_copy (self->recovery_key);

  self->busy = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "creating");
  gtk_spinner_start (self->spinner);
  update_header (self);
  update_actions (self);

  /* made by an earlier try that then failed to open: only open it */
  if (self->created)
    {
      open_created (data);
      return;
    }
  setup = (AlcoveVaultSetup) { data->practice_name, data->username, data->full_name,
                               data->password, NULL, data->recovery_key };
  alcove_vault_create_async (data->vault, &setup, NULL, created_cb, data);
}

/* ---- steps ---- */

static void
focus_step (AlcoveSetupPage *self)
{
  GtkWidget *focus = NULL;
  g_autofree char *username = NULL;

  switch (self->step)
    {
    case STEP_WELCOME:
      focus = self->create_button;
      break;
    case STEP_DONE:
      focus = GTK_WIDGET (self->next_button);
      break;
    case STEP_KIND:
      focus = GTK_WIDGET (self->kind == KIND_GROUP ? self->group_row : self->solo_row);
      break;
    case STEP_PRACTICE:
      focus = GTK_WIDGET (self->practice_row);
      break;
    case STEP_OWNER:
      username = dup_trimmed_text (self->username_row);
      if (alcove_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->full_name_row))))
        focus = GTK_WIDGET (self->full_name_row);
      else if (!alcove_username_is_valid (username))
        focus = GTK_WIDGET (self->username_row);
      else if (!self->password_ok)
        focus = GTK_WIDGET (self->password_row);
      else
        focus = GTK_WIDGET (self->confirm_row);
      break;
    case STEP_RECOVERY:
      focus = GTK_WIDGET (self->last_group_row);
      break;
    case STEP_KEYRING:
      focus = GTK_WIDGET (self->keyring_switch);
      break;
    case STEP_AUTOLOCK:
      focus = GTK_WIDGET (self->autolock_spin);
      break;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
  gtk_widget_grab_focus (focus);
}

static void
go_to_step (AlcoveSetupPage *self,
            Step             step)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (step < N_STEPS);

  /* With the focus inside it, GtkStack would hand the focus to the new page's first widget
   * (the recovery key, selecting it all); focus_step() chooses instead. */
  if (root != NULL)
    gtk_root_set_focus (root, NULL);
  self->step = step;
  if (step == STEP_RECOVERY && self->recovery_key == NULL)
    make_recovery_key (self);
  if (step == STEP_DONE)
    update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  update_header (self);
  update_actions (self);
  focus_step (self);
}

static void
set_kind (AlcoveSetupPage *self,
          Kind             kind)
{
  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_check_button_set_active (kind == KIND_SOLO ? self->solo_check : self->group_check, TRUE);
  /* One person's laptop opens with the keyring; a shared workstation never should. */
  gtk_switch_set_active (self->keyring_switch, kind == KIND_SOLO);
  gtk_spin_button_set_value (self->autolock_spin,
                             kind == KIND_SOLO ? SOLO_AUTO_LOCK_MINUTES : GROUP_AUTO_LOCK_MINUTES);
  update_actions (self);
}

/* ---- actions ---- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (widget);

  if (self->busy || self->finished || !step_is_complete (self, self->step))
    return;
  if (self->step == STEP_DONE)
    start_create (self);
  else
    go_to_step (self, self->step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (widget);

  if (self->busy || self->finished || self->created)
    return;
  if (self->restoring)
    {
      self->restoring = FALSE;
      go_to_step (self, STEP_WELCOME);
      return;
    }
  if (self->step == STEP_WELCOME)
    return;
  go_to_step (self, self->step - 1);
}

static void
save_dialog_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         AlcoveSetupPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AlcoveSecret) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->recovery_code != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file == NULL)
        {
          g_clear_object (&self->save_dialog);
          return;
        }
      sheet = recovery_sheet_text (self);
      name = g_file_get_basename (file);
      /* Private: the file is readable by its owner only. */
      if (g_file_replace_contents (file, (const char *) alcove_secret_get_data (sheet),
                                   alcove_secret_get_size (sheet), NULL, FALSE,
                                   G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                   NULL, NULL, &error))
        message = g_strdup_printf (_("Recovery key saved as “%s”. Print it or move it off this "
                                     "computer."), name);
      else
        message = g_strdup_printf (_("The recovery key could not be saved: %s"), error->message);
      show_toast (self, message, error ? 0 : 5);
    }
  g_clear_object (&self->save_dialog);
}

static void
save_recovery_key_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->recovery_code == NULL || self->save_dialog != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Recovery Key"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Alcove Recovery Key.txt"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_dialog_response_cb), self, 0);
  self->save_dialog = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->save_dialog);
}

static double
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *font,
           const char  *text,
           double       y)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return y + (double) height / PANGO_SCALE;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              AlcoveSetupPage   *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(AlcoveSecret) display = NULL;
  g_autoptr(GDate) today = alcove_date_today ();
  g_autofree char *practice = dup_trimmed_text (self->practice_row);
  /* never the locale's "%x", which prints 12/06/26: which day is that, years on? */
  g_autofree char *date = alcove_date_format_gdate (today);
  /* Translators: at the foot of the printed recovery key; %s is today's date */
  g_autofree char *made = g_strdup_printf (_("Made by Alcove on %s."), date);
  double y = 0;

  if (self->recovery_code == NULL)
    return;
  display = code_display_text (self->recovery_code);

  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  y = draw_text (cr, layout, "Sans Bold 20", practice, y) + 4;
  y = draw_text (cr, layout, "Sans 13", _("Alcove Recovery Key"), y) + 36;
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  y = draw_text (cr, layout, "Monospace Bold 18", (const char *) alcove_secret_get_data (display),
                 y) + 36;
  pango_layout_set_text (layout, "", 0);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  y = draw_text (cr, layout, "Sans 11", recovery_explanation (), y) + 12;
  draw_text (cr, layout, "Sans 9", made, y);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               AlcoveSetupPage         *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("The recovery key could not be printed: %s"),
                                 error ? error->message : _("unknown error"));
      show_toast (self, message, 0);
    }
  if (self->print_operation == operation)
    g_clear_object (&self->print_operation);
}

static void
print_recovery_key_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkPrintOperationResult result;
  g_autoptr(GError) error = NULL;

  if (self->recovery_code == NULL || self->print_operation != NULL)
    return;
  self->print_operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (self->print_operation, _("Alcove Recovery Key"));
  gtk_print_operation_set_n_pages (self->print_operation, 1);
  gtk_print_operation_set_unit (self->print_operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (self->print_operation, TRUE);
  g_signal_connect_object (self->print_operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (self->print_operation, "done", G_CALLBACK (print_done_cb), self, 0);

  result = gtk_print_operation_run (self->print_operation,
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The recovery key could not be printed: %s"),
                                                  error->message);
      show_toast (self, message, 0);
      g_clear_object (&self->print_operation);
    }
  else if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_clear_object (&self->print_operation);
}

/* ---- restoring from a backup ---- */

static void
restored_cb (AlcoveSetupPage *self)
{
  self->finished = TRUE;
  update_actions (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

/* Into the folder Alcove opens, where no vault is yet: the login page follows */
static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->busy || self->finished || self->restoring)
    return;
  if (self->restore_page == NULL)
    {
      self->restore_page = alcove_restore_page_new (alcove_vault_get_path (self->vault));
      gtk_stack_add_titled (self->stack, GTK_WIDGET (self->restore_page), "restore",
                            _("Restore from a Backup"));
      g_signal_connect_object (self->restore_page, "restored", G_CALLBACK (restored_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (root != NULL)
    gtk_root_set_focus (root, NULL);
  self->restoring = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "restore");
  update_header (self);
  update_actions (self);
  alcove_restore_page_focus (self->restore_page);
}

/* ---- signal handlers ---- */

static void
kind_row_activated_cb (AdwActionRow    *row,
                       AlcoveSetupPage *self)
{
  Kind kind = row == self->solo_row ? KIND_SOLO : KIND_GROUP;

  /* Choosing the chosen one again (Enter twice) moves on. */
  if (self->kind == kind)
    gtk_widget_activate_action (GTK_WIDGET (self), "setup.next", NULL);
  else
    set_kind (self, kind);
}

static void
kind_check_toggled_cb (GtkCheckButton  *check,
                       AlcoveSetupPage *self)
{
  if (gtk_check_button_get_active (check))
    set_kind (self, check == self->solo_check ? KIND_SOLO : KIND_GROUP);
}

static void
practice_changed_cb (AlcoveSetupPage *self)
{
  update_actions (self);
}

static void
full_name_changed_cb (AlcoveSetupPage *self)
{
  if (!self->username_edited)
    {
      g_autofree char *suggestion =
        suggest_username (gtk_editable_get_text (GTK_EDITABLE (self->full_name_row)));

      self->suggesting_username = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), suggestion);
      self->suggesting_username = FALSE;
    }
  update_owner_step (self);
  update_actions (self);
}

static void
username_changed_cb (AlcoveSetupPage *self)
{
  /* Typed by the person: no longer follow the full name, unless they clear it. */
  if (!self->suggesting_username)
    self->username_edited = *gtk_editable_get_text (GTK_EDITABLE (self->username_row)) != '\0';
  update_owner_step (self);
  update_actions (self);
}

static void
owner_changed_cb (AlcoveSetupPage *self)
{
  update_owner_step (self);
  update_actions (self);
}

static void
last_group_changed_cb (AlcoveSetupPage *self)
{
  update_recovery_step (self);
  update_actions (self);
}

/* Enter in a field: on when the step is complete, else to the next field of the step. */
static void
entry_activated_cb (GtkWidget       *row,
                    AlcoveSetupPage *self)
{
  GtkWidget *chain[] = { GTK_WIDGET (self->full_name_row), GTK_WIDGET (self->username_row),
                         GTK_WIDGET (self->password_row), GTK_WIDGET (self->confirm_row) };

  if (step_is_complete (self, self->step))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "setup.next", NULL);
      return;
    }
  for (guint i = 0; i + 1 < G_N_ELEMENTS (chain); i++)
    if (chain[i] == row)
      {
        gtk_widget_grab_focus (GTK_WIDGET (chain[i + 1]));
        return;
      }
}

static void
spin_activated_cb (AlcoveSetupPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "setup.next", NULL);
}

/* The text inside an entry row: a screen reader names it, and a password is kept in
 * non-pageable memory that is wiped when freed. */
static void
prepare_entry (GtkWidget  *editable,
               const char *label,
               gboolean    password)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (editable));

  if (delegate == NULL)
    return;
  /* a row's field is already named by the row's title: a second name would be read twice */
  if (!ADW_IS_PREFERENCES_ROW (editable))
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (password)
    alcove_secure_buffer_attach (GTK_EDITABLE (editable));
}

/* ---- GObject ---- */

static void
alcove_setup_page_constructed (GObject *object)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (object);

  G_OBJECT_CLASS (alcove_setup_page_parent_class)->constructed (object);

  g_assert (ALCOVE_IS_VAULT (self->vault));
  g_assert (G_IS_SETTINGS (self->settings));
  gtk_spin_button_set_value (self->autolock_spin,
                             g_settings_get_int (self->settings, "auto-lock-minutes"));
  /* a guess from the locale; the owner sees it and may change it */
  alcove_jurisdiction_row_fill (self->jurisdiction_row,
                                alcove_jurisdiction_guess_from_locales (g_get_language_names ()));
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  go_to_step (self, STEP_WELCOME);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
}

static void
alcove_setup_page_dispose (GObject *object)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (object);

  self->finished = TRUE;
  wipe_secrets (self);
  if (self->save_dialog != NULL)
    gtk_native_dialog_destroy (self->save_dialog);
  g_clear_object (&self->save_dialog);
  g_clear_object (&self->print_operation);
  /* AdwBin forgets its child first, or it would unparent it a second time */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALCOVE_TYPE_SETUP_PAGE);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alcove_setup_page_parent_class)->dispose (object);
}

static void
alcove_setup_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_setup_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AlcoveSetupPage *self = ALCOVE_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_setup_page_class_init (AlcoveSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = alcove_setup_page_constructed;
  object_class->dispose = alcove_setup_page_dispose;
  object_class->get_property = alcove_setup_page_get_property;
  object_class->set_property = alcove_setup_page_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, ALCOVE_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlcoveSetupPage::finished:
   *
   * The vault has been created and is unlocked for its owner.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ALCOVE_TYPE_PASSWORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/alcove_notes/Alcove/"
                                               "alcove-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, solo_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, group_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, solo_check);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, group_check);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, practice_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, jurisdiction_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, full_name_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, username_hint);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, password_hint);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, confirm_hint);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, last_group_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, last_group_hint);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, keyring_switch);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, autolock_spin);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, summary_practice_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, summary_owner_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, summary_keyring_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, summary_autolock_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, summary_location_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, creating_status);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlcoveSetupPage, create_button);

  gtk_widget_class_bind_template_callback (widget_class, kind_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_check_toggled_cb);

  gtk_widget_class_install_action (widget_class, "setup.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "setup.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "setup.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "setup.save-recovery-key", NULL,
                                   save_recovery_key_action);
  gtk_widget_class_install_action (widget_class, "setup.print-recovery-key", NULL,
                                   print_recovery_key_action);

  /* Enter moves on; Escape and Alt+Left go back, as in GNOME's assistants. Entries, spin
   * buttons and list rows handle Enter themselves and call setup.next when it applies. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "setup.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "setup.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "setup.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "setup.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "setup.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "setup.back", NULL);
}

static void
alcove_setup_page_init (AlcoveSetupPage *self)
{
  GtkWidget *entries[6];

  gtk_widget_init_template (GTK_WIDGET (self));

  entries[0] = GTK_WIDGET (self->practice_row);
  entries[1] = GTK_WIDGET (self->full_name_row);
  entries[2] = GTK_WIDGET (self->username_row);
  entries[3] = GTK_WIDGET (self->password_row);
  entries[4] = GTK_WIDGET (self->confirm_row);
  entries[5] = GTK_WIDGET (self->last_group_row);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      prepare_entry (entries[i],
                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entries[i])),
                     entries[i] == GTK_WIDGET (self->password_row) ||
                     entries[i] == GTK_WIDGET (self->confirm_row));
      g_signal_connect_object (entries[i], "entry-activated", G_CALLBACK (entry_activated_cb),
                               self, 0);
    }
  prepare_entry (GTK_WIDGET (self->autolock_spin), _("Minutes before locking"), FALSE);
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->autolock_spin)),
                           "activate", G_CALLBACK (spin_activated_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect_object (self->practice_row, "changed", G_CALLBACK (practice_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->full_name_row, "changed", G_CALLBACK (full_name_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->username_row, "changed", G_CALLBACK (username_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_row, "changed", G_CALLBACK (owner_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->confirm_row, "changed", G_CALLBACK (owner_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->last_group_row, "changed", G_CALLBACK (last_group_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_owner_step (self);
  update_recovery_step (self);
}

AlcoveSetupPage *
alcove_setup_page_new (AlcoveVault *vault,
                       GSettings   *settings)
{
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ALCOVE_TYPE_SETUP_PAGE, "vault", vault, "settings", settings, NULL);
}
