import type { Text } from "../definition/types";

/**
 * What the officer reads aloud at a referral step whose service the person is already referred to: not the step's
 * own offer (asking again whether to be referred would be a second offer), but whether to add what was just talked
 * about to that same referral. In the interview languages; the officer then says what would be added.
 */
export const ADDITION_SAY: Text = {
  es: "Ya vamos a ponerle en contacto con este servicio. Queremos añadir a esa misma referencia lo que acabamos de hablar, para que le puedan ayudar mejor. ¿Está de acuerdo?",
  en: "We are already putting you in touch with this service. We would like to add what we just talked about to that same referral, so they can help you better. Is that all right with you?",
  ht: "Nou deja ap mete w an kontak ak sèvis sa a. Nou ta renmen ajoute sa nou sot pale a nan menm referans lan, pou yo ka ede w pi byen. Èske ou dakò?",
  fr: "Nous allons déjà vous mettre en contact avec ce service. Nous voudrions ajouter à ce même envoi ce dont nous venons de parler, pour qu'on puisse mieux vous aider. Êtes-vous d'accord ?",
  pt: "Já vamos colocar você em contato com este serviço. Queremos acrescentar a esse mesmo encaminhamento o que acabamos de conversar, para que possam ajudar você melhor. Você concorda?",
};
