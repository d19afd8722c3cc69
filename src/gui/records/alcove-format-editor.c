/* alcove-format-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-format-editor"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "alcove-application.h"
#include "alcove-form-drafts.h"
#include "alcove-format-editor.h"

/* Makes a practice's note format: a name, a description and its sections, each with a
 * title, the prompt a note shows while it is empty, whether it must be filled to sign, and
 * whether Load Last Note copies it forward. Sections move with their buttons or Alt+Up and
 * Alt+Down. The store's rules are shown beside the field they concern as the person types
 * (the ones about what is still empty once they try to save), and nothing typed is lost.
 * Saving makes the next version; a preview beside shows a note in the format. Before a
 * lock, what was typed and not saved is kept as the person's draft in the vault
 * (alcove-form-drafts), and comes back when they open the same editor again. */

#define DRAFT_FORM "note-format"

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *title;
  AdwEntryRow    *prompt;
  GtkSwitch      *required;
  GtkSwitch      *carry_forward;
  GtkWidget      *up;
  GtkWidget      *down;
} Section;

struct _AlcoveFormatEditor
{
  AdwWindow          parent_instance;

  AlcoveFormatStore *store;
  char              *base_id;     /* the practice format being changed, or NULL */
  GPtrArray         *sections;    /* Section, in order */
  gboolean           dirty;
  gboolean           show_all_errors;
  AlcoveLockManager *lock_manager;  /* weak */
  guint              saver_id;
  gboolean           filling;

  AdwToastOverlay   *toasts;
  AdwWindowTitle    *window_title;
  AdwEntryRow       *name_row;
  AdwEntryRow       *description_row;
  GtkLabel          *name_error;
  GtkListBox        *sections_list;
  GtkLabel          *sections_error;
  GtkBox            *preview_box;
};

G_DEFINE_FINAL_TYPE (AlcoveFormatEditor, alcove_format_editor, ADW_TYPE_WINDOW)

static void
section_free (gpointer data)
{
  Section *section = data;

  g_object_unref (section->row);
  g_free (section);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The sections as typed; the strings belong to the rows */
static GArray *
collect_sections (AlcoveFormatEditor *self)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (AlcoveFormatSection));

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);
      AlcoveFormatSection item = {
        NULL, (char *) entry_text (section->title), (char *) entry_text (section->prompt),
        gtk_switch_get_active (section->required), gtk_switch_get_active (section->carry_forward)
      };

      g_array_append_val (out, item);
    }
  return out;
}

/* ---- preview ---- */

static void
add_preview_label (AlcoveFormatEditor *self,
                   const char         *text,
                   const char         *css_class,
                   int                 margin_top)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, margin_top);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->preview_box, label);
}

static void
update_preview (AlcoveFormatEditor *self)
{
  GtkWidget *child;
  const char *name = entry_text (self->name_row);
  const char *description = entry_text (self->description_row);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_box))) != NULL)
    gtk_box_remove (self->preview_box, child);
  add_preview_label (self, _("Preview"), "dim-label", 0);
  add_preview_label (self, *name ? name : _("Untitled Format"), "title-2", 0);
  if (*description)
    add_preview_label (self, description, "dim-label", 0);
  if (self->sections->len == 0)
    add_preview_label (self, _("A note in this format shows its sections here."), "dim-label", 18);
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);
      const char *title = entry_text (section->title);
      const char *prompt = entry_text (section->prompt);
      g_autofree char *heading = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *sample;

      heading = gtk_switch_get_active (section->required)
                /* TRANSLATORS: a section's title in the preview, and that it must be filled */
                ? g_strdup_printf (_("%s (required)"), *title ? title : _("Untitled Section"))
                : g_strdup (*title ? title : _("Untitled Section"));
      add_preview_label (self, heading, "heading", 18);
      sample = gtk_label_new (*prompt ? prompt : " ");
      gtk_label_set_xalign (GTK_LABEL (sample), 0);
      gtk_label_set_yalign (GTK_LABEL (sample), 0);
      gtk_label_set_wrap (GTK_LABEL (sample), TRUE);
      gtk_widget_add_css_class (sample, "dim-label");
      gtk_widget_set_margin_start (sample, 12);
      gtk_widget_set_margin_end (sample, 12);
      gtk_widget_set_margin_top (sample, 12);
      gtk_widget_set_margin_bottom (sample, 12);
      gtk_widget_set_size_request (sample, -1, 56);
      gtk_box_append (GTK_BOX (box), sample);
      gtk_widget_add_css_class (box, "card");
      gtk_widget_set_margin_top (box, 6);
      gtk_box_append (self->preview_box, box);
      if (gtk_switch_get_active (section->carry_forward))
        add_preview_label (self, _("Load Last Note copies this section forward."), "caption", 0);
    }
}

/* ---- the rules, shown where they apply ---- */

static void
clear_errors (AlcoveFormatEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->sections_error), FALSE);
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);
      const char *title = entry_text (section->title);
      gboolean required = gtk_switch_get_active (section->required);
      gboolean carried = gtk_switch_get_active (section->carry_forward);
      const char *subtitle = "";

      gtk_widget_remove_css_class (GTK_WIDGET (section->title), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (section->row), "alcove-section-error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->row),
                                     *title ? title : _("Untitled Section"));
      /* Translators: a note section's summary: it must be filled in before signing, and its
       * text is copied from the client's previous note */
      if (required && carried)
        subtitle = _("Required · copied forward");
      else if (required)
        subtitle = _("Required");
      else if (carried)
        subtitle = _("Copied forward");
      adw_expander_row_set_subtitle (section->row, subtitle);
    }
}

static void
show_error (AlcoveFormatEditor  *self,
            AlcoveFormatProblem  problem,
            guint                index,
            const char          *message,
            gboolean             focus)
{
  Section *section;

  switch (problem)
    {
    case ALCOVE_FORMAT_PROBLEM_NAME:
    case ALCOVE_FORMAT_PROBLEM_NAME_TAKEN:
      gtk_label_set_text (self->name_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->name_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      if (focus)
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      break;
    case ALCOVE_FORMAT_PROBLEM_NO_SECTIONS:
      gtk_label_set_text (self->sections_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->sections_error), TRUE);
      break;
    case ALCOVE_FORMAT_PROBLEM_SECTION:
    case ALCOVE_FORMAT_PROBLEM_DUPLICATE_TITLE:
      if (index >= self->sections->len)
        break;
      section = g_ptr_array_index (self->sections, index);
      adw_expander_row_set_subtitle (section->row, message);
      gtk_widget_add_css_class (GTK_WIDGET (section->row), "alcove-section-error");
      gtk_widget_add_css_class (GTK_WIDGET (section->title), "error");
      adw_expander_row_set_expanded (section->row, TRUE);
      if (focus)
        gtk_widget_grab_focus (GTK_WIDGET (section->title));
      break;
    case ALCOVE_FORMAT_PROBLEM_NONE:
    default:
      break;
    }
}

/* What is still empty waits for a first Save; a clash shows at once */
static gboolean
validate (AlcoveFormatEditor *self,
          gboolean            focus)
{
  g_autoptr(GArray) sections = collect_sections (self);
  g_autoptr(GError) error = NULL;
  AlcoveFormatProblem problem;
  guint index = 0;
  gboolean valid;

  clear_errors (self);
  valid = alcove_format_store_check (self->store, self->base_id, entry_text (self->name_row),
                                     (AlcoveFormatSection *) sections->data, sections->len,
                                     &problem, &index, &error);
  if (valid)
    return TRUE;
  if (!self->show_all_errors && problem == ALCOVE_FORMAT_PROBLEM_NAME)
    {
      /* the sections may clash already, name or not */
      g_clear_error (&error);
      if (alcove_format_store_check (self->store, self->base_id, _("Untitled Format"),
                                     (AlcoveFormatSection *) sections->data, sections->len,
                                     &problem, &index, &error))
        return FALSE;
    }
  if (self->show_all_errors || problem == ALCOVE_FORMAT_PROBLEM_NAME_TAKEN ||
      problem == ALCOVE_FORMAT_PROBLEM_DUPLICATE_TITLE)
    show_error (self, problem, index, error->message, focus);
  return FALSE;
}

static void
sync_move_buttons (AlcoveFormatEditor *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      gtk_widget_set_sensitive (section->up, i > 0);
      gtk_widget_set_sensitive (section->down, i + 1 < self->sections->len);
    }
}

static void
field_changed_cb (AlcoveFormatEditor *self)
{
  if (self->filling)
    return;
  self->dirty = TRUE;
  validate (self, FALSE);
  update_preview (self);
}

/* ---- sections ---- */

static guint
section_index (AlcoveFormatEditor *self,
               Section            *section)
{
  guint index = 0;

  g_assert (g_ptr_array_find (self->sections, section, &index));
  return index;
}

static void
move_section (AlcoveFormatEditor *self,
              Section            *section,
              int                 delta)
{
  guint from = section_index (self, section);
  guint to = from + delta;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((delta < 0 && from == 0) || to >= self->sections->len)
    return;
  if (focus != NULL)
    g_object_ref (focus);
  g_ptr_array_steal_index (self->sections, from);
  g_ptr_array_insert (self->sections, to, section);
  gtk_list_box_remove (self->sections_list, GTK_WIDGET (section->row));
  gtk_list_box_insert (self->sections_list, GTK_WIDGET (section->row), to);
  sync_move_buttons (self);
  /* the keyboard stays where it was: on the section it moved */
  if (focus != NULL && gtk_widget_get_sensitive (focus))
    gtk_widget_grab_focus (focus);
  else
    gtk_widget_grab_focus (GTK_WIDGET (section->title));
  g_clear_object (&focus);
  field_changed_cb (self);
}

static void
remove_section (AlcoveFormatEditor *self,
                Section            *section)
{
  guint index = section_index (self, section);

  gtk_list_box_remove (self->sections_list, GTK_WIDGET (section->row));
  g_ptr_array_remove_index (self->sections, index);
  sync_move_buttons (self);
  if (self->sections->len > 0)
    {
      Section *next = g_ptr_array_index (self->sections, MIN (index, self->sections->len - 1));

      gtk_widget_grab_focus (GTK_WIDGET (next->row));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  field_changed_cb (self);
}

static void
move_up_clicked_cb (GtkButton *button,
                    Section   *section)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (gtk_widget_get_root (GTK_WIDGET (button)));

  move_section (self, section, -1);
}

static void
move_down_clicked_cb (GtkButton *button,
                      Section   *section)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (gtk_widget_get_root (GTK_WIDGET (button)));

  move_section (self, section, 1);
}

static void
remove_clicked_cb (GtkButton *button,
                   Section   *section)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (gtk_widget_get_root (GTK_WIDGET (button)));

  remove_section (self, section);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             GCallback   callback,
             Section    *section)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", callback, section);
  return button;
}

static GtkSwitch *
add_switch_row (AdwExpanderRow *expander,
                const char     *name,
                const char     *title,
                const char     *subtitle,
                gboolean        active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (toggle, name);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_expander_row_add_row (expander, row);
  return GTK_SWITCH (toggle);
}

static Section *
add_section (AlcoveFormatEditor        *self,
             const AlcoveFormatSection *from)
{
  Section *section = g_new0 (Section, 1);
  GtkWidget *actions = adw_action_row_new ();
  g_autofree char *name = g_strdup_printf ("section-%u", self->sections->len + 1);

  section->row = ADW_EXPANDER_ROW (g_object_ref_sink (adw_expander_row_new ()));
  gtk_widget_set_name (GTK_WIDGET (section->row), name);
  /* titles are what people typed, never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (section->row), FALSE);
  section->title = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->title), _("_Title"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (section->title), TRUE);
  gtk_widget_set_name (GTK_WIDGET (section->title), "section-title");
  section->prompt = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->prompt),
                                 _("_Prompt shown while empty"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (section->prompt), TRUE);
  gtk_widget_set_name (GTK_WIDGET (section->prompt), "section-prompt");
  if (from != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (section->title), from->title ? from->title : "");
      gtk_editable_set_text (GTK_EDITABLE (section->prompt), from->prompt ? from->prompt : "");
    }
  adw_expander_row_add_row (section->row, GTK_WIDGET (section->title));
  adw_expander_row_add_row (section->row, GTK_WIDGET (section->prompt));
  section->required = add_switch_row (section->row, "section-required", _("_Required"),
                                      _("A note is signed only once this section holds text"),
                                      from != NULL && from->required);
  section->carry_forward = add_switch_row (section->row, "section-carry-forward",
                                           _("_Copy Forward"),
                                           _("Load Last Note copies it from the previous note"),
                                           from != NULL && from->carry_forward);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), _("Order"));
  section->up = icon_button ("go-up-symbolic", _("Move Up (Alt+Up)"),
                             G_CALLBACK (move_up_clicked_cb), section);
  section->down = icon_button ("go-down-symbolic", _("Move Down (Alt+Down)"),
                               G_CALLBACK (move_down_clicked_cb), section);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), section->up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), section->down);
  {
    GtkWidget *remove = gtk_button_new_with_mnemonic (_("Re_move Section"));

    gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (remove, "flat");
    gtk_widget_add_css_class (remove, "error");
    g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), section);
    adw_action_row_add_suffix (ADW_ACTION_ROW (actions), remove);
  }
  adw_expander_row_add_row (section->row, actions);
  g_object_set_data (G_OBJECT (section->row), "alcove-section", section);
  g_signal_connect_object (section->title, "changed", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (section->prompt, "changed", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (section->required, "notify::active", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (section->carry_forward, "notify::active",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->sections, section);
  gtk_list_box_append (self->sections_list, GTK_WIDGET (section->row));
  sync_move_buttons (self);
  return section;
}

/* The section holding the keyboard focus, if any */
static Section *
focused_section (AlcoveFormatEditor *self)
{
  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (self)); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      Section *section = g_object_get_data (G_OBJECT (widget), "alcove-section");

      if (section != NULL)
        return section;
    }
  return NULL;
}

static void
add_section_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (widget);
  Section *section;

  /* the list stays short: the sections above fold to their titles */
  for (guint i = 0; i < self->sections->len; i++)
    adw_expander_row_set_expanded (((Section *) g_ptr_array_index (self->sections, i))->row,
                                   FALSE);
  section = add_section (self, NULL);
  adw_expander_row_set_expanded (section->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (section->title));
  field_changed_cb (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (widget);
  Section *section = focused_section (self);

  if (section != NULL)
    move_section (self, section, g_str_equal (action_name, "format.move-up") ? -1 : 1);
}

/* ---- the draft kept over a lock ---- */

static AlcoveVault *
vault_of (AlcoveFormatEditor *self)
{
  return alcove_format_store_get_vault (self->store);
}

static char *
draft_json (AlcoveFormatEditor *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, entry_text (self->name_row));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, entry_text (self->description_row));
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, entry_text (section->title));
      json_builder_set_member_name (builder, "prompt");
      json_builder_add_string_value (builder, entry_text (section->prompt));
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, gtk_switch_get_active (section->required));
      json_builder_set_member_name (builder, "carry_forward");
      json_builder_add_boolean_value (builder, gtk_switch_get_active (section->carry_forward));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
keep_before_lock_cb (gpointer   user_data,
                     GError   **error)
{
  AlcoveFormatEditor *self = user_data;
  g_autofree char *json = NULL;

  if (!self->dirty || alcove_vault_get_locked (vault_of (self)))
    return TRUE;
  json = draft_json (self);
  return alcove_form_drafts_save (vault_of (self), DRAFT_FORM, self->base_id ? self->base_id : "",
                                  json, error);
}

static void
drop_draft (AlcoveFormatEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!alcove_vault_get_locked (vault_of (self)) &&
      !alcove_form_drafts_discard (vault_of (self), DRAFT_FORM,
                                   self->base_id ? self->base_id : "", &error))
    g_warning ("A note format’s draft was not dropped: %s", error->message);
}

/* TRUE if a draft was put back in place of what the editor was opened with */
static gboolean
restore_draft (AlcoveFormatEditor *self)
{
  g_autofree char *json = alcove_form_drafts_load (vault_of (self), DRAFT_FORM,
                                                   self->base_id ? self->base_id : "", NULL,
                                                   NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *sections;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  sections = json_object_get_array_member (root, "sections");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         json_object_get_string_member_with_default (root, "name", ""));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         json_object_get_string_member_with_default (root, "description", ""));
  while (self->sections->len > 0)
    {
      Section *section = g_ptr_array_index (self->sections, self->sections->len - 1);

      gtk_list_box_remove (self->sections_list, GTK_WIDGET (section->row));
      g_ptr_array_remove_index (self->sections, self->sections->len - 1);
    }
  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonNode *node = json_array_get_element (sections, i);
      JsonObject *object;
      AlcoveFormatSection section = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      section.title = (char *) json_object_get_string_member_with_default (object, "title", "");
      section.prompt = (char *) json_object_get_string_member_with_default (object, "prompt", "");
      section.required = json_object_get_boolean_member_with_default (object, "required", FALSE);
      section.carry_forward = json_object_get_boolean_member_with_default (object,
                                                                           "carry_forward",
                                                                           FALSE);
      add_section (self, &section);
    }
  return TRUE;
}

/* ---- saving and closing ---- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (widget);
  g_autoptr(GArray) sections = NULL;
  g_autoptr(GError) error = NULL;

  self->show_all_errors = TRUE;
  if (!validate (self, TRUE))
    return;
  sections = collect_sections (self);
  if (alcove_format_store_save (self->store, self->base_id, entry_text (self->name_row),
                                entry_text (self->description_row),
                                (AlcoveFormatSection *) sections->data, sections->len,
                                &error) == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  self->dirty = FALSE;
  drop_draft (self);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_discarded_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* The editor closes once the dialog, which is transient for it, has gone */
static void
discard_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     AlcoveFormatEditor *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->dirty = FALSE;
  drop_draft (self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_discarded_cb, g_object_ref (self),
                   g_object_unref);
}

static gboolean
alcove_format_editor_close_request (GtkWindow *window)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (window);
  AdwMessageDialog *dialog;

  if (!self->dirty)
    return GTK_WINDOW_CLASS (alcove_format_editor_parent_class)->close_request (window);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard Changes?"),
                                                       _("This format has changes that are "
                                                         "not saved. Discarded, they are "
                                                         "lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- object ---- */

static void
vault_locked_cb (AlcoveFormatEditor *self)
{
  /* the store read no formats while locked: nothing here can be saved any more */
  self->dirty = FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
alcove_format_editor_dispose (GObject *object)
{
  AlcoveFormatEditor *self = ALCOVE_FORMAT_EDITOR (object);

  if (self->lock_manager != NULL && self->saver_id != 0)
    alcove_lock_manager_remove_draft_saver (self->lock_manager, self->saver_id);
  g_clear_weak_pointer (&self->lock_manager);
  self->saver_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), ALCOVE_TYPE_FORMAT_EDITOR);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (alcove_format_editor_parent_class)->dispose (object);
}

static void
alcove_format_editor_finalize (GObject *object)
{
  g_free (ALCOVE_FORMAT_EDITOR (object)->base_id);

  G_OBJECT_CLASS (alcove_format_editor_parent_class)->finalize (object);
}

static void
alcove_format_editor_class_init (AlcoveFormatEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_format_editor_dispose;
  G_OBJECT_CLASS (klass)->finalize = alcove_format_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = alcove_format_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-format-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, toasts);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, sections_list);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, sections_error);
  gtk_widget_class_bind_template_child (widget_class, AlcoveFormatEditor, preview_box);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "format.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "format.add-section", NULL, add_section_action);
  gtk_widget_class_install_action (widget_class, "format.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "format.move-down", NULL, move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "format.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "format.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "format.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alcove_format_editor_init (AlcoveFormatEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sections = g_ptr_array_new_with_free_func (section_free);
}

AlcoveFormatEditor *
alcove_format_editor_new (GtkWindow         *parent,
                          AlcoveFormatStore *store,
                          AlcoveNoteFormat  *format,
                          gboolean           duplicate)
{
  AlcoveFormatEditor *self;
  gboolean restored;

  g_return_val_if_fail (ALCOVE_IS_FORMAT_STORE (store), NULL);
  g_return_val_if_fail (format == NULL || ALCOVE_IS_NOTE_FORMAT (format), NULL);

  self = g_object_new (ALCOVE_TYPE_FORMAT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->filling = TRUE;
  if (format != NULL && !duplicate)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Saving makes version %u"),
                                                   alcove_note_format_get_version (format) + 1);

      self->base_id = g_strdup (alcove_note_format_get_base_id (format));
      adw_window_title_set_title (self->window_title, _("Edit Format"));
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), alcove_note_format_get_name (format));
    }
  else if (format != NULL)
    {
      /* TRANSLATORS: the name a duplicated format starts with, e.g. "Copy of SOAP" */
      g_autofree char *name = g_strdup_printf (_("Copy of %s"),
                                               alcove_note_format_get_name (format));

      adw_window_title_set_title (self->window_title, _("New Format"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
    }
  else
    adw_window_title_set_title (self->window_title, _("New Format"));
  if (format != NULL)
    {
      const char *description = alcove_note_format_get_description (format);

      gtk_editable_set_text (GTK_EDITABLE (self->description_row), description ? description : "");
      for (guint i = 0; i < alcove_note_format_get_n_sections (format); i++)
        add_section (self, alcove_note_format_get_section (format, i));
    }
  else
    adw_expander_row_set_expanded (add_section (self, NULL)->row, TRUE);
  /* what was typed before a lock comes back */
  restored = restore_draft (self);
  self->filling = FALSE;
  /* a duplicate is a change already: closing it asks */
  self->dirty = duplicate || restored;
  validate (self, FALSE);
  update_preview (self);
  g_signal_connect_object (alcove_format_store_get_vault (store), "notify::locked",
                           G_CALLBACK (vault_locked_cb), self, G_CONNECT_SWAPPED);
  if (ALCOVE_IS_APPLICATION (g_application_get_default ()))
    {
      g_set_weak_pointer (&self->lock_manager,
                          alcove_application_get_lock_manager (ALCOVE_APPLICATION (g_application_get_default ())));
      self->saver_id = alcove_lock_manager_add_draft_saver (self->lock_manager,
                                                            keep_before_lock_cb, self, NULL);
    }
  if (restored)
    adw_toast_overlay_add_toast (self->toasts,
                                 adw_toast_new (_("What you typed before Alcove locked is back")));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
