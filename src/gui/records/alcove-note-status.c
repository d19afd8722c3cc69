/* alcove-note-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-note-status"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-note-status.h"

char *
alcove_note_status_dup_label (AlcoveNoteStore *notes,
                              AlcoveNote      *note)
{
  const AlcoveCosignature *cosignature;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  switch (alcove_note_get_cosign_state (note))
    {
    case ALCOVE_COSIGN_RETURNED:
      return g_strdup (_("Returned for changes"));
    case ALCOVE_COSIGN_AWAITING:
      return g_strdup (_("Awaiting co-signature"));
    case ALCOVE_COSIGN_DONE:
      cosignature = alcove_note_get_cosignature (note);
      name = alcove_note_store_dup_author_name (notes, cosignature->cosigner);
      /* Translators: a note's status, "Co-signed by <supervisor's name>" */
      return g_strdup_printf (_("Co-signed by %s"), name);
    case ALCOVE_COSIGN_NONE:
    default:
      /* Translators: a progress note's status */
      return g_strdup (alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED ? _("Signed")
                                                                         : _("Draft"));
    }
}

const char *
alcove_note_status_get_style_class (AlcoveNote *note)
{
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  switch (alcove_note_get_cosign_state (note))
    {
    case ALCOVE_COSIGN_RETURNED:
      return "returned";
    case ALCOVE_COSIGN_AWAITING:
      return "awaiting";
    case ALCOVE_COSIGN_DONE:
    case ALCOVE_COSIGN_NONE:
    default:
      return alcove_note_get_status (note) == ALCOVE_NOTE_SIGNED ? "signed" : "draft";
    }
}

char *
alcove_note_status_dup_cosign_line (AlcoveNoteStore *notes,
                                    AlcoveNote      *note)
{
  const AlcoveCosignature *cosignature;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (ALCOVE_IS_NOTE_STORE (notes), NULL);
  g_return_val_if_fail (ALCOVE_IS_NOTE (note), NULL);

  switch (alcove_note_get_cosign_state (note))
    {
    case ALCOVE_COSIGN_AWAITING:
      return g_strdup (_("Awaiting co-signature by a supervisor"));
    case ALCOVE_COSIGN_DONE:
      cosignature = alcove_note_get_cosignature (note);
      name = alcove_note_store_dup_author_name (notes, cosignature->cosigner);
      when = alcove_date_format_time (cosignature->cosigned_ms);
      /* Translators: "Co-signed by <supervisor's name> on <date time>" */
      return g_strdup_printf (_("Co-signed by %s on %s"), name, when);
    case ALCOVE_COSIGN_RETURNED:
    case ALCOVE_COSIGN_NONE:
    default:
      return NULL;
    }
}
