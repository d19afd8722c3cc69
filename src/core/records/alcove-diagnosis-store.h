/* alcove-diagnosis-store.h — clients' problem lists, in practice.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-client-store.h"
#include "alcove-diagnosis.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_DIAGNOSIS_STORE (alcove_diagnosis_store_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveDiagnosisStore, alcove_diagnosis_store, ALCOVE, DIAGNOSIS_STORE,
                      GObject)

AlcoveDiagnosisStore *alcove_diagnosis_store_new             (AlcoveClientStore     *clients);
gboolean              alcove_diagnosis_store_can_read        (AlcoveDiagnosisStore  *self);
gboolean              alcove_diagnosis_store_can_edit        (AlcoveDiagnosisStore  *self);
/* Current diagnoses first (the primary one first), then resolved ones, newest first */
GListModel           *alcove_diagnosis_store_list_for_client (AlcoveDiagnosisStore  *self,
                                                              const char            *client_id,
                                                              GError               **error);
AlcoveDiagnosis      *alcove_diagnosis_store_get             (AlcoveDiagnosisStore  *self,
                                                              const char            *diagnosis_id,
                                                              GError               **error);
/* Checks, normalises the code and adds or updates the entry. A current primary diagnosis
 * makes the client's other current primary one secondary. */
gboolean              alcove_diagnosis_store_save            (AlcoveDiagnosisStore  *self,
                                                              AlcoveDiagnosis       *diagnosis,
                                                              GError               **error);
/* For an entry made in error; a diagnosis that ended is resolved instead */
gboolean              alcove_diagnosis_store_remove          (AlcoveDiagnosisStore  *self,
                                                              AlcoveDiagnosis       *diagnosis,
                                                              GError               **error);
/* Whether `code` may be recorded, with the reason if not; `normalized` gets it as stored */
gboolean              alcove_diagnosis_store_check_code      (const char            *code,
                                                              char                 **normalized,
                                                              GError               **error);

G_END_DECLS
