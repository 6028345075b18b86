/** A message, or its plural forms chosen by `Intl.PluralRules` from the `count` parameter. */
export type CaseMessage = string | { one?: string; other: string };

/**
 * The case screens' messages in Spanish, the stations' language: the step, the summary, slips and the group view.
 * Their keys are the keys of every language. No message names a sensitive category where a neutral one will do.
 */
export const caseMessagesEs = {
  "case.pendingTitle": "Pasos terminados: queda algo pendiente",
  "case.saving": "Guardando…",
  "case.saved": "Guardado en este equipo",
  "case.saveFailed": "No se guardó",

  "step.sayIn": "Lea en voz alta, en {language}",
  "step.sayOwn": "En su idioma:",
  "step.sayMissing":
    "Este paso no tiene texto en {language}. Explíquelo con sus palabras, a partir del texto de abajo.",
  "step.unreviewed": "traducción sin revisar",
  "step.ticked": "Marcado: {choice}",
  "step.unticked": "Desmarcado: {choice}",
  "step.chosen": "Elegido: {choice}",
  "language.label": "Idioma de la entrevista",
  "answer.maxChars": { one: "1 carácter", other: "{count} caracteres" },

  "referral.declinesMandatory": "No la acepta (la notificación se hace igual, porque es obligatoria)",
  "referral.notNeeded": "No hace falta (explique por qué)",
  "referral.notNeededReason": "Por qué no hace falta (por ejemplo: se encontró y verificó al familiar)",
  "referral.notNeededMissing": "Escriba por qué la referencia no hace falta.",
  "referral.recordNotMade": "Registrar como no hecha",
  "referral.forbidden": "Esta referencia no se puede hacer: la prohíbe una instrucción permanente del caso.",
  "referral.forbiddenHelp": "Regístrela como no hecha. Si la instrucción ya no aplica, la levanta quien corresponda.",
  "referral.forbiddenByWords": "La prohíbe «{label}»: {words}",
  "referral.addition":
    "La persona ya tiene una referencia a {service}. Explíquele qué se añadiría (el motivo y la urgencia de arriba, y lo que pide este paso) y pregúntele si quiere añadirlo a esa referencia. Si no, la referencia sigue hecha, como estaba.",
  "referral.mergesInto":
    "El caso ya tiene una referencia a {service} ({status}): esta necesidad se suma a ella, en una sola hoja.",
  "referral.mandatoryShort": "notificación obligatoria",
  "referral.reasons": "Motivos de la referencia a {service}",
  "referral.hidden": "Referencia confidencial: vea al equipo a cargo",
  "referral.hiddenHandover": {
    one: "Una referencia confidencial por entregar: vea al equipo a cargo",
    other: "{count} referencias confidenciales por entregar: vea al equipo a cargo",
  },
  "referral.dueBy": "entregar antes de: {at}",
  "referral.handedOverAt": "Entregada al servicio: {at} · {by}",
  "referral.acknowledgedAt": "Recibida por el servicio: {at} · {by}",
  "referral.markHandedOver": "Marcar como entregada",
  "referral.markAcknowledged": "Recibida por el servicio",
  "referral.notNeededWhy": "No hace falta: {note}",
  "referral.supersededWhy": "Ya se había entregado; después {note}. Se conserva como constancia de lo hecho.",
  "referral.supersededPendingWhy":
    "Ya se había entregado; después {note}. Si las respuestas corregidas vuelven a llevar a esta referencia, queda como se entregó; si no, hay que ver con el servicio si se retira.",
  "referral.supersededWithdrawWhy":
    "Ya se había entregado; después {note}, y las respuestas corregidas ya no llevan a ella. Hable con el servicio para ver si hay que retirarla: no se retira sola.",
  "referral.withdrawCheck":
    "{service}: la referencia ya se había entregado y las respuestas corregidas ya no llevan a ella. Vea con el servicio si hay que retirarla.",
  "referral.noteWhy": "Motivo: {note}",
  "referralStatus.made": "hecha",
  "referralStatus.declined": "rechazada por la persona",
  "referralStatus.not-needed": "no hace falta",
  "referralStatus.forbidden": "no hecha: la prohíbe una instrucción permanente",
  "referralStatus.superseded": "reemplazada (ya entregada)",
  "referralStatus.supersededPending":
    "entregada; la corrección cambió el camino: se confirma si el camino vuelve a ella",
  "referralStatus.supersededWithdraw": "entregada, pero ya no hace falta tras la corrección: ver si se retira",

  "instruction.title": "Instrucciones permanentes",
  "instruction.hidden": "Instrucción permanente confidencial: vea al equipo a cargo",
  "instruction.hiddenForbids": "Una instrucción permanente que usted no puede ver (vea al equipo a cargo)",
  "instruction.raisedBy": "(puesta a mano por {by}, {at}: {reason})",
  "instruction.open": "Añadir o levantar una instrucción permanente",
  "instruction.choose": "Instrucción",
  "instruction.chooseMissing": "Elija la instrucción.",
  "instruction.liftOption": "Levantar: {label}",
  "instruction.reason": "Por qué se pone (obligatorio)",
  "instruction.liftReason": "Por qué se levanta (obligatorio)",
  "instruction.reasonMissing": "Escriba el motivo.",
  "instruction.submit": "Añadir la instrucción",
  "instruction.liftSubmit": "Levantar la instrucción",
  "instruction.raised": "Instrucción añadida: {label}",
  "instruction.lifted": "Instrucción levantada: {label}",

  "flag.hidden": "Necesidad confidencial: vea al equipo a cargo",
  "deadline.hidden": {
    one: "Plazo confidencial: vea al equipo a cargo",
    other: "{count} plazos confidenciales (vea al equipo a cargo); el más próximo",
  },

  "actions.title": "Más acciones",
  "pause.open": "Seguir más tarde (pausar el caso)",
  "pause.reason": "Por qué se pausa (por ejemplo: la persona fue llevada a atención médica)",
  "pause.reasonMissing": "Escriba por qué se pausa el caso.",
  "pause.submit": "Pausar el caso",
  "pause.title": "Caso en pausa",
  "pause.since": "En pausa desde {at} ({by}): {reason}",
  "pause.resume": "Reanudar el caso",

  "pending.summary": "Queda abierto: seguimientos {followUps} · referencias por entregar {handovers}.",
  "pending.followUp": "Seguimiento: {label}",
  "pending.handover": "Entregar la referencia a {service}",

  "followUp.title": "Seguimientos",
  "followUp.none": "Ningún seguimiento.",
  "followUp.hidden": "Seguimiento confidencial: vea al equipo a cargo",
  "followUp.doneShort": "hecho",
  "followUp.doneAt": "hecho: {at} · {by}",
  "followUp.who": "Lo hace: {who}",
  "followUp.note": "Nota (opcional)",
  "followUp.recordDone": "Registrar como hecho",

  "summary.procedure": "Procedimiento",
  "summary.language": "Idioma de la entrevista",
  "summary.noFlags": "Ninguna alerta.",
  "summary.flagsInBanner": "Sus alertas están en las instrucciones permanentes, arriba.",

  "answer.masked": "Respuesta reservada: pulse «Mostrar» solo si la necesita (queda registrado).",
  "answer.hidden": {
    one: "Una respuesta confidencial: vea al equipo a cargo",
    other: "{count} respuestas confidenciales: vea al equipo a cargo",
  },
  "answer.untitled": "Paso sin título",
  "answer.revealFailed": "No se pudo registrar que la muestra: la respuesta sigue oculta.",
  "answer.historyLabel": "Respuestas anteriores a «{title}»",
  "answer.earlier": "Hasta {until}: {value}. Información nueva ({by}): {reason}",
  "update.open": "Información nueva",
  "update.help":
    "La respuesta anterior era cierta en su momento y queda en el caso. Use «Corregir» solo si estaba equivocada.",
  "update.reason": "Qué cambió y cómo se verificó (obligatorio)",
  "update.reasonMissing": "Escriba qué cambió y cómo se verificó.",
  "update.save": "Guardar la información nueva",

  "notes.hidden": "Nota confidencial: vea al equipo a cargo",
  "notes.level": "Quién puede leerla",
  "notes.level.public": "Todo el equipo del caso",
  "notes.level.restricted": "Solo el personal de protección",
  "notes.level.confidential": "Solo quien atiende el caso",
  "close.pending":
    "Quedan seguimientos o referencias por entregar: cerrar el caso no los hace. Hágalos o anote quién los hará.",

  "slip.reasons": { one: "Motivo", other: "Motivos" },
  "slip.household": "Composición del grupo familiar (sin nombres)",
  "slip.superseded": "Referencia reemplazada: ya se había entregado, y después {note}. La hoja queda como constancia.",
  "slip.supersededPending":
    "Referencia ya entregada antes de una corrección ({note}): se confirma si las respuestas corregidas vuelven a llevar a ella.",
  "slip.supersededWithdraw":
    "Referencia ya entregada antes de una corrección ({note}) que ya no lleva a ella: vea con el servicio si hay que retirarla.",
  "slip.withheld": {
    one: "Se omitió 1 dato que este servicio no puede recibir.",
    other: "Se omitieron {count} datos que este servicio no puede recibir.",
  },
  "slip.aboveViewerCount": {
    one: "1 dato queda fuera porque su función no puede verlo: la hoja completa la imprime el equipo a cargo.",
    other:
      "{count} datos quedan fuera porque su función no puede verlos: la hoja completa la imprime el equipo a cargo.",
  },
  "slip.aboveViewer": "Esta hoja es confidencial: la imprime el equipo a cargo",
  "slip.footer": "Nivel de esta hoja: {level}. Solo para el servicio que recibe la referencia.",

  "household.self": "Esta persona",
  "household.member": "Persona del grupo",
  "household.age": "{age} años",
  "household.ageUnknown": "edad sin registrar",
  "relation.parent": "Su padre o madre",
  "relation.child": "Su hijo o hija",
  "relation.sibling": "Su hermano o hermana",
  "relation.grandparent": "Su abuelo o abuela",
  "relation.grandchild": "Su nieto o nieta",
  "relation.other-relative": "Otro pariente",
  "relation.partner": "Su pareja",
  "relation.customary-caregiver": "Quien lo cuida por costumbre",
  "relation.in-care-of": "Persona a su cuidado",
  "relation.travel-companion": "Compañero o compañera de viaje",
  "claimedBy.this": "lo dice esta persona",
  "claimedBy.other": "lo dice la otra persona",
  "claimedBy.both": "lo dicen las dos",
  "claimedBy.option.this": "Esta persona",
  "claimedBy.option.other": "La otra persona",
  "claimedBy.option.both": "Las dos",

  "group.open": "Personas que viajan con esta persona",
  "group.offer": "¿Viaja con alguien? Cada persona tiene su propio caso, unido a este.",
  "group.title": "Personas que viajan juntas",
  "group.of": "Grupo del caso {code}",
  "group.backToCase": "Volver al caso",
  "group.members": { one: "1 persona en el grupo", other: "{count} personas en el grupo" },
  "group.toScreen": {
    one: "1 persona del grupo todavía no fue entrevistada. Entreviste a cada persona, primero a niñas, niños y adolescentes.",
    other:
      "{count} personas del grupo todavía no fueron entrevistadas. Entreviste a cada persona, primero a niñas, niños y adolescentes.",
  },
  "group.screen": "Entrevistar ahora",
  "group.openCase": "Abrir su caso",
  "group.link": "Registrar la relación",
  "group.linkSave": "Guardar la relación",
  "group.verified": "relación verificada",
  "group.notVerified": "relación sin verificar",
  "group.add": "Añadir una persona que viaja con esta persona",
  "group.addHelp":
    "Cada persona tiene su propio caso, unido a este. La relación se registra en los dos casos. No escriba nombres.",
  "group.relation": "Qué es la otra persona para esta persona",
  "group.relationMissing": "Elija la relación.",
  "group.claimedBy": "Quién lo dice",
  "group.verifiedLabel": "La relación se verificó (documento o comprobación del equipo)",
  "group.addSubmit": "Abrir su caso y unirlo",
  "group.added": "Caso {code} abierto y unido al grupo.",
} as const satisfies Record<string, CaseMessage>;

/** The key of a case-screen message. */
export type CaseKey = keyof typeof caseMessagesEs;

/** The case screens' messages in English. */
export const caseMessagesEn: Record<CaseKey, CaseMessage> = {
  "case.pendingTitle": "Steps done: something is still open",
  "case.saving": "Saving…",
  "case.saved": "Saved on this device",
  "case.saveFailed": "Not saved",

  "step.sayIn": "Read aloud, in {language}",
  "step.sayOwn": "In your language:",
  "step.sayMissing": "This step has no text in {language}. Explain it in your own words, from the text below.",
  "step.unreviewed": "translation not reviewed",
  "step.ticked": "Ticked: {choice}",
  "step.unticked": "Unticked: {choice}",
  "step.chosen": "Chosen: {choice}",
  "language.label": "Interview language",
  "answer.maxChars": { one: "1 character", other: "{count} characters" },

  "referral.declinesMandatory": "Does not accept (the notification is made anyway, as the law requires)",
  "referral.notNeeded": "Not needed (say why)",
  "referral.notNeededReason": "Why it is not needed (for example: the relative was found and verified)",
  "referral.notNeededMissing": "Write why the referral is not needed.",
  "referral.recordNotMade": "Record as not made",
  "referral.forbidden": "This referral cannot be made: a standing instruction on the case forbids it.",
  "referral.forbiddenHelp":
    "Record it as not made. If the instruction no longer applies, whoever is in charge lifts it.",
  "referral.forbiddenByWords": "Forbidden by \u201c{label}\u201d: {words}",
  "referral.addition":
    "The person is already referred to {service}. Explain what would be added (the reason and urgency above, and what this step asks for) and ask whether to add it to that referral. If not, the referral stays made, as it was.",
  "referral.mergesInto":
    "The case already has a referral to {service} ({status}): this need is added to it, on one slip.",
  "referral.mandatoryShort": "mandatory notification",
  "referral.reasons": "Reasons for the referral to {service}",
  "referral.hidden": "Confidential referral: see the team in charge",
  "referral.hiddenHandover": {
    one: "A confidential referral to hand over: see the team in charge",
    other: "{count} confidential referrals to hand over: see the team in charge",
  },
  "referral.dueBy": "hand over by: {at}",
  "referral.handedOverAt": "Handed over to the service: {at} · {by}",
  "referral.acknowledgedAt": "Acknowledged by the service: {at} · {by}",
  "referral.markHandedOver": "Mark as handed over",
  "referral.markAcknowledged": "Acknowledged by the service",
  "referral.notNeededWhy": "Not needed: {note}",
  "referral.supersededWhy": "It had been handed over; then {note}. It stays as the record of what was done.",
  "referral.supersededPendingWhy":
    "It had been handed over; then {note}. If the corrected answers lead to this referral again, it stands as handed over; if not, check with the service whether to withdraw it.",
  "referral.supersededWithdrawWhy":
    "It had been handed over; then {note}, and the corrected answers no longer lead to it. Speak with the service about withdrawing it: it is not withdrawn by itself.",
  "referral.withdrawCheck":
    "{service}: the referral had been handed over and the corrected answers no longer lead to it. Check with the service whether to withdraw it.",
  "referral.noteWhy": "Reason: {note}",
  "referralStatus.made": "made",
  "referralStatus.declined": "declined by the person",
  "referralStatus.not-needed": "not needed",
  "referralStatus.forbidden": "not made: a standing instruction forbids it",
  "referralStatus.superseded": "superseded (already handed over)",
  "referralStatus.supersededPending":
    "handed over; the correction changed the path: confirmed if the path reaches it again",
  "referralStatus.supersededWithdraw":
    "handed over, no longer needed after the correction: check whether to withdraw it",

  "instruction.title": "Standing instructions",
  "instruction.hidden": "Confidential standing instruction: see the team in charge",
  "instruction.hiddenForbids": "A standing instruction you may not see (see the team in charge)",
  "instruction.raisedBy": "(raised by hand by {by}, {at}: {reason})",
  "instruction.open": "Add or lift a standing instruction",
  "instruction.choose": "Instruction",
  "instruction.chooseMissing": "Choose the instruction.",
  "instruction.liftOption": "Lift: {label}",
  "instruction.reason": "Why it is raised (required)",
  "instruction.liftReason": "Why it is lifted (required)",
  "instruction.reasonMissing": "Write the reason.",
  "instruction.submit": "Add the instruction",
  "instruction.liftSubmit": "Lift the instruction",
  "instruction.raised": "Instruction added: {label}",
  "instruction.lifted": "Instruction lifted: {label}",

  "flag.hidden": "Confidential need: see the team in charge",
  "deadline.hidden": {
    one: "Confidential deadline: see the team in charge",
    other: "{count} confidential deadlines (see the team in charge); the nearest",
  },

  "actions.title": "More actions",
  "pause.open": "Continue later (pause the case)",
  "pause.reason": "Why it is paused (for example: the person was taken to medical care)",
  "pause.reasonMissing": "Write why the case is paused.",
  "pause.submit": "Pause the case",
  "pause.title": "Case paused",
  "pause.since": "Paused since {at} ({by}): {reason}",
  "pause.resume": "Resume the case",

  "pending.summary": "Still open: follow-ups {followUps} · referrals to hand over {handovers}.",
  "pending.followUp": "Follow-up: {label}",
  "pending.handover": "Hand the referral to {service} over",

  "followUp.title": "Follow-ups",
  "followUp.none": "No follow-up.",
  "followUp.hidden": "Confidential follow-up: see the team in charge",
  "followUp.doneShort": "done",
  "followUp.doneAt": "done: {at} · {by}",
  "followUp.who": "Done by: {who}",
  "followUp.note": "Note (optional)",
  "followUp.recordDone": "Record done",

  "summary.procedure": "Procedure",
  "summary.language": "Interview language",
  "summary.noFlags": "No flags.",
  "summary.flagsInBanner": "Its flags are in the standing instructions above.",

  "answer.masked": "Guarded answer: press \u201cShow\u201d only if you need it (it is recorded).",
  "answer.hidden": {
    one: "A confidential answer: see the team in charge",
    other: "{count} confidential answers: see the team in charge",
  },
  "answer.untitled": "Untitled step",
  "answer.revealFailed": "Showing it could not be recorded: the answer stays hidden.",
  "answer.historyLabel": "Earlier answers to \u201c{title}\u201d",
  "answer.earlier": "Until {until}: {value}. New information ({by}): {reason}",
  "update.open": "New information",
  "update.help":
    "The earlier answer was true for its time and stays on the case. Use \u201cCorrect\u201d only if it was wrong.",
  "update.reason": "What changed and how it was verified (required)",
  "update.reasonMissing": "Write what changed and how it was verified.",
  "update.save": "Save the new information",

  "notes.hidden": "Confidential note: see the team in charge",
  "notes.level": "Who may read it",
  "notes.level.public": "The whole case team",
  "notes.level.restricted": "Protection staff only",
  "notes.level.confidential": "Only whoever handles the case",
  "close.pending":
    "Follow-ups or referrals to hand over are still open: closing the case does not do them. Do them, or note who will.",

  "slip.reasons": { one: "Reason", other: "Reasons" },
  "slip.household": "Household composition (no names)",
  "slip.superseded": "Superseded referral: it had been handed over, then {note}. The slip stays as a record.",
  "slip.supersededPending":
    "Referral handed over before a correction ({note}): it is confirmed if the corrected answers lead to it again.",
  "slip.supersededWithdraw":
    "Referral handed over before a correction ({note}) that no longer leads to it: check with the service whether to withdraw it.",
  "slip.withheld": {
    one: "1 fact this service may not receive was left off.",
    other: "{count} facts this service may not receive were left off.",
  },
  "slip.aboveViewerCount": {
    one: "1 fact is left off because your role may not see it: the team in charge prints the full slip.",
    other: "{count} facts are left off because your role may not see them: the team in charge prints the full slip.",
  },
  "slip.aboveViewer": "This slip is confidential: the team in charge prints it",
  "slip.footer": "Level of this slip: {level}. Only for the service receiving the referral.",

  "household.self": "This person",
  "household.member": "A member of the group",
  "household.age": "{age} years old",
  "household.ageUnknown": "age not recorded",
  "relation.parent": "Their parent",
  "relation.child": "Their child",
  "relation.sibling": "Their sibling",
  "relation.grandparent": "Their grandparent",
  "relation.grandchild": "Their grandchild",
  "relation.other-relative": "Another relative",
  "relation.partner": "Their partner",
  "relation.customary-caregiver": "Their customary caregiver",
  "relation.in-care-of": "A person in their care",
  "relation.travel-companion": "A travel companion",
  "claimedBy.this": "this person says so",
  "claimedBy.other": "the other person says so",
  "claimedBy.both": "both say so",
  "claimedBy.option.this": "This person",
  "claimedBy.option.other": "The other person",
  "claimedBy.option.both": "Both",

  "group.open": "People travelling with this person",
  "group.offer": "Travelling with someone? Each person has their own case, linked to this one.",
  "group.title": "People travelling together",
  "group.of": "Group of case {code}",
  "group.backToCase": "Back to the case",
  "group.members": { one: "1 person in the group", other: "{count} people in the group" },
  "group.toScreen": {
    one: "1 person in the group has not been screened yet. Screen every person, children first.",
    other: "{count} people in the group have not been screened yet. Screen every person, children first.",
  },
  "group.screen": "Screen now",
  "group.openCase": "Open their case",
  "group.link": "Record the relationship",
  "group.linkSave": "Save the relationship",
  "group.verified": "relationship verified",
  "group.notVerified": "relationship not verified",
  "group.add": "Add a person travelling with them",
  "group.addHelp":
    "Each person has their own case, linked to this one. The relationship is recorded on both cases. Write no names.",
  "group.relation": "What the other person is to this person",
  "group.relationMissing": "Choose the relationship.",
  "group.claimedBy": "Who says so",
  "group.verifiedLabel": "The relationship was verified (a document or the team's check)",
  "group.addSubmit": "Open their case and link it",
  "group.added": "Case {code} opened and linked to the group.",
};
