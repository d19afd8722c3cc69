/* alcove-form-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-form-draft"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "alcove-application.h"
#include "alcove-form-draft.h"
#include "alcove-form-drafts.h"
#include "alcove-lock-manager.h"

/* Nothing typed into a form is lost: from its first change, every named field of the window
 * (text rows and views, switches, check buttons, drop-downs) is kept as a draft in the vault,
 * a second after typing stops and at once before a lock. Opening the same form again puts it
 * back. Closing with changes not saved asks Save, Discard or Cancel; only Discard drops
 * them. */
struct _AlcoveFormDraft
{
  GObject      parent_instance;

  GtkWindow   *window;       /* weak: the draft lives as long as its window */
  AlcoveVault *vault;
  char        *form;
  char        *key;
  char        *save_action;
  guint        save_source;
  guint        saver_id;
  AlcoveLockManager *lock_manager;  /* weak */
  GtkWidget   *restored_banner;     /* weak: the window holds it */
  gboolean     changed;      /* since the form was opened or saved */
  gboolean     restoring;
  gboolean     closing;
};

G_DEFINE_FINAL_TYPE (AlcoveFormDraft, alcove_form_draft, G_TYPE_OBJECT)

#define SAVE_DELAY_MS 1000

/* ---- the fields ---- */

typedef void (*FieldFunc) (GtkWidget *widget, const char *id, gpointer user_data);

/* Its id in the window's template, or the name a form gave it in code. A widget built
 * from a template of its own carries its class's name as its id: that names nothing. */
static const char *
field_id (GtkWidget *widget)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  if (id != NULL && !g_str_equal (id, type))
    return id;
  id = gtk_widget_get_name (widget);
  return g_str_equal (id, type) ? NULL : id;
}

/* Every named field of the window, depth first */
static void
foreach_field (GtkWidget *widget,
               FieldFunc  func,
               gpointer   user_data)
{
  const char *id = field_id (widget);

  if (id != NULL && (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget) ||
                     GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
                     ADW_IS_COMBO_ROW (widget)))
    {
      func (widget, id, user_data);
      if (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget))
        return;  /* its own children are its parts, not fields */
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    foreach_field (child, func, user_data);
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
collect_field (GtkWidget  *widget,
               const char *id,
               gpointer    user_data)
{
  JsonBuilder *builder = user_data;

  json_builder_set_member_name (builder, id);
  if (GTK_IS_EDITABLE (widget))
    json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      g_autofree char *text = text_view_text (GTK_TEXT_VIEW (widget));
      json_builder_add_string_value (builder, text);
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    json_builder_add_boolean_value (builder, gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
  else if (GTK_IS_SWITCH (widget))
    json_builder_add_boolean_value (builder, gtk_switch_get_active (GTK_SWITCH (widget)));
  else
    json_builder_add_int_value (builder, adw_combo_row_get_selected (ADW_COMBO_ROW (widget)));
}

static char *
collect (AlcoveFormDraft *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  foreach_field (GTK_WIDGET (self->window), collect_field, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
restore_field (GtkWidget  *widget,
               const char *id,
               gpointer    user_data)
{
  JsonObject *fields = user_data;
  JsonNode *node = json_object_get_member (fields, id);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return;
  if (GTK_IS_EDITABLE (widget) && json_node_get_value_type (node) == G_TYPE_STRING)
    gtk_editable_set_text (GTK_EDITABLE (widget), json_node_get_string (node));
  else if (GTK_IS_TEXT_VIEW (widget) && json_node_get_value_type (node) == G_TYPE_STRING)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                              json_node_get_string (node), -1);
  else if (GTK_IS_CHECK_BUTTON (widget) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), json_node_get_boolean (node));
  else if (GTK_IS_SWITCH (widget) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    gtk_switch_set_active (GTK_SWITCH (widget), json_node_get_boolean (node));
  else if (ADW_IS_COMBO_ROW (widget) && json_node_get_value_type (node) == G_TYPE_INT64)
    adw_combo_row_set_selected (ADW_COMBO_ROW (widget), (guint) json_node_get_int (node));
}

/* ---- keeping it ---- */

static gboolean
keep (AlcoveFormDraft  *self,
      GError          **error)
{
  g_autofree char *fields = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->changed || self->window == NULL || alcove_vault_get_locked (self->vault))
    return TRUE;
  fields = collect (self);
  return alcove_form_drafts_save (self->vault, self->form, self->key, fields, error);
}

static gboolean
keep_cb (gpointer user_data)
{
  AlcoveFormDraft *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!keep (self, &error))
    g_warning ("A form’s draft was not kept: %s", error->message);
  return G_SOURCE_REMOVE;
}

static gboolean
keep_before_lock_cb (gpointer   user_data,
                     GError   **error)
{
  return keep (user_data, error);
}

static void
field_changed_cb (AlcoveFormDraft *self)
{
  if (self->restoring)
    return;
  self->changed = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, keep_cb, self);
}

static void
watch_field (GtkWidget  *widget,
             const char *id,
             gpointer    user_data)
{
  if (GTK_IS_EDITABLE (widget))
    g_signal_connect_object (widget, "changed", G_CALLBACK (field_changed_cb), user_data,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_TEXT_VIEW (widget))
    g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                             G_CALLBACK (field_changed_cb), user_data, G_CONNECT_SWAPPED);
  else
    g_signal_connect_object (widget, ADW_IS_COMBO_ROW (widget) ? "notify::selected"
                                                               : "notify::active",
                             G_CALLBACK (field_changed_cb), user_data, G_CONNECT_SWAPPED);
}

/* ---- saying it is back ---- */

/* libadwaita 1.2 has no AdwBanner. A draft put back is news, not a refusal: the banner
 * takes the information style, and assistive technology hears it as a status. */
static GtkWidget *
restored_banner_new (void)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = g_object_new (GTK_TYPE_BOX,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS,
                                 "spacing", 12,
                                 NULL);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "icon-name", "dialog-information-symbolic",
                                  "valign", GTK_ALIGN_START,
                                  NULL);
  GtkWidget *label = gtk_label_new (_("Your changes from before were kept as a draft and are "
                                      "back. Save them or discard them."));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (box, "alcove-banner");
  gtk_widget_add_css_class (box, "info");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_name (revealer, "draft_restored_banner");
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  return revealer;
}

static void
show_restored (AlcoveFormDraft *self,
               GtkWidget       *below)
{
  GtkWidget *box = gtk_widget_get_parent (below);

  g_return_if_fail (GTK_IS_BOX (box));

  if (self->restored_banner == NULL)
    {
      GtkWidget *banner = restored_banner_new ();

      gtk_box_insert_child_after (GTK_BOX (box), banner, below);
      g_set_weak_pointer (&self->restored_banner, banner);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->restored_banner), TRUE);
}

/* ---- closing ---- */

typedef struct
{
  AlcoveFormDraft *draft;
  gboolean         save;
} Answer;

/* After the dialog is gone: it is the window's, and saving or discarding closes the window */
static gboolean
act_on_answer_cb (gpointer user_data)
{
  Answer *answer = user_data;
  AlcoveFormDraft *self = answer->draft;

  if (self->window == NULL)
    return G_SOURCE_REMOVE;
  if (answer->save)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->window), self->save_action, NULL);
      /* a form that stays open after saving closes now; one that failed to save says why */
      if (self->window != NULL && !self->changed)
        {
          self->closing = TRUE;
          gtk_window_close (self->window);
        }
    }
  else
    {
      alcove_form_draft_saved (self);
      self->closing = TRUE;
      gtk_window_close (self->window);
    }
  return G_SOURCE_REMOVE;
}

static void
answer_free (Answer *answer)
{
  g_object_unref (answer->draft);
  g_free (answer);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   AlcoveFormDraft  *self)
{
  Answer *answer;

  if (self->window == NULL || g_str_equal (response, "cancel"))
    return;
  answer = g_new0 (Answer, 1);
  answer->draft = g_object_ref (self);
  answer->save = g_str_equal (response, "save");
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, act_on_answer_cb, answer,
                   (GDestroyNotify) answer_free);
}

/* Esc, × or Cancel with changes not saved: Save, Discard or Cancel, as GNOME apps ask */
static gboolean
close_request_cb (GtkWindow       *window,
                  AlcoveFormDraft *self)
{
  AdwMessageDialog *dialog;

  if (self->closing || !self->changed || alcove_vault_get_locked (self->vault))
    return GDK_EVENT_PROPAGATE;
  keep (self, NULL);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"),
                                                       _("What you typed is kept as a draft "
                                                         "until you save or discard it.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GDK_EVENT_STOP;
}

/* The application of the window, or of the one it was opened over */
static AlcoveLockManager *
lock_manager_for (GtkWindow *window)
{
  for (GtkWindow *w = window; w != NULL; w = gtk_window_get_transient_for (w))
    if (ALCOVE_IS_APPLICATION (gtk_window_get_application (w)))
      return alcove_application_get_lock_manager (ALCOVE_APPLICATION (gtk_window_get_application (w)));
  return ALCOVE_IS_APPLICATION (g_application_get_default ())
           ? alcove_application_get_lock_manager (ALCOVE_APPLICATION (g_application_get_default ()))
           : NULL;
}

/* ---- object ---- */

static void
alcove_form_draft_dispose (GObject *object)
{
  AlcoveFormDraft *self = ALCOVE_FORM_DRAFT (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->saver_id != 0 && self->lock_manager != NULL)
    alcove_lock_manager_remove_draft_saver (self->lock_manager, self->saver_id);
  self->saver_id = 0;
  g_clear_weak_pointer (&self->lock_manager);
  g_clear_weak_pointer (&self->restored_banner);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (alcove_form_draft_parent_class)->dispose (object);
}

static void
alcove_form_draft_finalize (GObject *object)
{
  AlcoveFormDraft *self = ALCOVE_FORM_DRAFT (object);

  g_free (self->form);
  g_free (self->key);
  g_free (self->save_action);

  G_OBJECT_CLASS (alcove_form_draft_parent_class)->finalize (object);
}

static void
alcove_form_draft_class_init (AlcoveFormDraftClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alcove_form_draft_dispose;
  G_OBJECT_CLASS (klass)->finalize = alcove_form_draft_finalize;
}

static void
alcove_form_draft_init (AlcoveFormDraft *self)
{
}

/* The window owns the draft (transfer none): it goes with the window */
AlcoveFormDraft *
alcove_form_draft_attach (GtkWindow   *window,
                          AlcoveVault *vault,
                          const char  *form,
                          const char  *key,
                          const char  *save_action)
{
  AlcoveFormDraft *self = g_object_new (ALCOVE_TYPE_FORM_DRAFT, NULL);

  g_set_weak_pointer (&self->window, window);
  self->vault = g_object_ref (vault);
  self->form = g_strdup (form);
  self->key = g_strdup (key ? key : "");
  self->save_action = g_strdup (save_action);
  foreach_field (GTK_WIDGET (window), watch_field, self);
  g_signal_connect_object (window, "close-request", G_CALLBACK (close_request_cb), self, 0);
  g_set_weak_pointer (&self->lock_manager, lock_manager_for (window));
  if (self->lock_manager != NULL)
    self->saver_id = alcove_lock_manager_add_draft_saver (self->lock_manager, keep_before_lock_cb,
                                                          self, NULL);
  g_object_set_data_full (G_OBJECT (window), "alcove-form-draft", self, g_object_unref);
  return self;
}

gboolean
alcove_form_draft_restore (AlcoveFormDraft *self,
                           GtkWidget       *below)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *fields = NULL;

  g_return_val_if_fail (ALCOVE_IS_FORM_DRAFT (self), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (below), FALSE);

  fields = alcove_form_drafts_load (self->vault, self->form, self->key, NULL, NULL);
  if (fields == NULL || !json_parser_load_from_data (parser, fields, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  self->restoring = TRUE;
  foreach_field (GTK_WIDGET (self->window), restore_field,
                 json_node_get_object (json_parser_get_root (parser)));
  self->restoring = FALSE;
  self->changed = TRUE;  /* still not saved */
  show_restored (self, below);
  return TRUE;
}

void
alcove_form_draft_saved (AlcoveFormDraft *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALCOVE_IS_FORM_DRAFT (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->changed = FALSE;
  /* the draft it spoke of is gone */
  if (self->restored_banner != NULL)
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->restored_banner), FALSE);
  if (!alcove_vault_get_locked (self->vault) &&
      !alcove_form_drafts_discard (self->vault, self->form, self->key, &error))
    g_warning ("A form’s draft was not removed: %s", error->message);
}

void
alcove_form_draft_saved_as (AlcoveFormDraft *self,
                            const char      *key)
{
  g_return_if_fail (ALCOVE_IS_FORM_DRAFT (self));

  alcove_form_draft_saved (self);
  if (key != NULL)
    {
      g_free (self->key);
      self->key = g_strdup (key);
    }
}

void
alcove_form_draft_close_action_cb (GtkWidget  *widget,
                                   const char *action,
                                   GVariant   *parameter)
{
  g_return_if_fail (GTK_IS_WINDOW (widget));

  gtk_window_close (GTK_WINDOW (widget));
}
