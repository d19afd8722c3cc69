/* alcove-cosign-queue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alcove-note-store.h"

G_BEGIN_DECLS

/* Which notes a queue on Home lists */
typedef enum
{
  ALCOVE_COSIGN_QUEUE_AWAITING,  /* a supervisor's: waiting for their co-signature */
  ALCOVE_COSIGN_QUEUE_RETURNED,  /* an author's: returned to them for changes */
} AlcoveCosignQueueKind;

#define ALCOVE_TYPE_COSIGN_QUEUE_KIND (alcove_cosign_queue_kind_get_type ())
GType alcove_cosign_queue_kind_get_type (void);

#define ALCOVE_TYPE_COSIGN_QUEUE (alcove_cosign_queue_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveCosignQueue, alcove_cosign_queue, ALCOVE, COSIGN_QUEUE,
                      AdwPreferencesGroup)

AlcoveCosignQueue *alcove_cosign_queue_new         (AlcoveCosignQueueKind  kind,
                                                    AlcoveNoteStore       *notes);
/* The session's note store; the queue follows its changes from then on */
void               alcove_cosign_queue_set_notes   (AlcoveCosignQueue     *self,
                                                    AlcoveNoteStore       *notes);
guint              alcove_cosign_queue_get_n_notes (AlcoveCosignQueue     *self);

G_END_DECLS
