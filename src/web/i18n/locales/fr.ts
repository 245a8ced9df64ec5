import { adminPagesFr } from './admin-pages.fr.ts';
import { clientPagesFr } from './client-pages.fr.ts';
import type { Translations } from './types.ts';

/** French strings: same keys as English, checked by the compiler. */
export const fr: Translations = {
  ...clientPagesFr,
  ...adminPagesFr,
  appointmentStatus: {
    pending: 'En attente',
    confirmed: 'Confirmé',
    cancelled: 'Annulé',
    completed: 'Terminé',
    no_show: 'Absent',
    awaitingClient: 'En attente du client',
    awaitingPractice: 'En attente du cabinet',
  },
  paymentMark: {
    markPaid: 'Marquer comme payé',
    markUnpaid: 'Marquer comme non payé',
    keep: 'Retour',
    paid: {
      title: 'Marquer ce rendez-vous comme payé ?',
      body: 'À utiliser quand le client a réglé sur place, en espèces ou par carte : « {{title}} » apparaîtra comme payé ({{price}}), pour le client aussi.',
      invoice: 'Sa facture dans Lago est aussi marquée payée.',
      confirm: 'Marquer comme payé',
      done: '« {{title}} » marqué comme payé',
    },
    unpaid: {
      title: 'Marquer ce rendez-vous comme non payé ?',
      body: 'À utiliser seulement s’il a été marqué payé par erreur : « {{title}} » apparaîtra de nouveau comme à payer ({{price}}).',
      invoice: 'Sa facture dans Lago est rouverte.',
      confirm: 'Marquer comme non payé',
      done: '« {{title}} » marqué comme non payé',
    },
    paidAtDesk: 'Marqué comme payé par le cabinet.',
    errors: {
      NOT_PAYABLE: 'Ce rendez-vous ne peut pas être marqué payé : il est gratuit ou annulé.',
      INVALID_STATE:
        'Ce rendez-vous a été payé en ligne par sa facture : ce paiement ne peut être remboursé que chez le prestataire de paiement.',
      NOT_FOUND: 'Ce rendez-vous n’existe plus.',
    },
  },
  app: {
    name: 'Rendezvous',
    tagline: 'Les rendez-vous de votre cabinet, au même endroit, en toute sérénité.',
    loading: 'Chargement…',
    skipToContent: 'Aller au contenu',
  },
  language: {
    label: 'Langue',
    en: 'English',
    fr: 'Français',
    saveFailed: 'Votre langue n’a pas pu être enregistrée dans votre compte.',
  },
  auth: {
    login: {
      title: 'Bon retour parmi nous',
      subtitle: 'Connectez-vous pour gérer vos rendez-vous.',
      submit: 'Se connecter',
      submitting: 'Connexion…',
      forgotten: 'Oublié ? Votre cabinet peut vous en donner un nouveau.',
      noAccount: 'Nouveau sur Rendezvous ?',
      toSignup: 'Créer votre cabinet',
    },
    signup: {
      title: 'Créer votre cabinet',
      subtitle: 'Votre cabinet est prêt en une minute. Vous en serez le propriétaire.',
      submit: 'Créer mon cabinet',
      submitting: 'Création de votre cabinet…',
      hasAccount: 'Vous avez déjà un compte ?',
      toLogin: 'Se connecter',
    },
    fields: {
      name: 'Votre nom',
      email: 'E-mail',
      password: 'Mot de passe',
      passwordHint: 'Au moins 8 caractères.',
      organizationName: 'Nom du cabinet',
      organizationNameHint: 'Le nom que vos clients connaissent, par ex. « Kiné du Port ».',
    },
    placeholders: {
      name: 'Camille Martin',
      email: 'vous@exemple.fr',
      organizationName: 'Kiné du Port',
    },
    marketing: {
      title: 'Toutes vos réservations, un seul agenda.',
      points: {
        assistants: 'Des assistants vocaux prennent les rendez-vous, jour et nuit.',
        calendars: 'Synchronisé avec Google Agenda et Outlook.',
        payments: 'Les rendez-vous payants sont facturés automatiquement.',
      },
    },
  },
  nav: {
    main: 'Navigation principale',
    client: 'Mon espace',
    admin: 'Administration',
    openMenu: 'Ouvrir le menu',
    closeMenu: 'Fermer le menu',
    overview: 'Vue d’ensemble',
    calendar: 'Agenda',
    appointments: 'Rendez-vous',
    payments: 'Paiements',
    company: 'Société',
    profile: 'Profil',
    support: 'Assistance',
    adminDashboard: 'Tableau de bord',
    adminAppointments: 'Rendez-vous',
    products: 'Prestations',
    organization: 'Organisation',
    assistants: 'Assistants',
    settings: 'Paramètres',
    legal: 'Juridique et conformité',
  },
  userMenu: {
    open: 'Menu du compte',
    profile: 'Votre profil',
    logout: 'Se déconnecter',
    logoutFailed: 'La déconnexion a échoué. Réessayez.',
  },
  roles: {
    owner: 'Propriétaire',
    admin: 'Administrateur',
    client: 'Client',
  },
  overview: {
    greeting: {
      morning: 'Bonjour, {{name}}',
      afternoon: 'Bonjour, {{name}}',
      evening: 'Bonsoir, {{name}}',
    },
    summary: 'Votre espace chez {{tenant}}, en tant que {{role}}.',
    practice: {
      title: 'Votre cabinet',
      name: 'Cabinet',
      timezone: 'Fuseau horaire',
      role: 'Votre rôle',
      action: 'Horaires et réglages du cabinet',
    },
    upcoming: {
      title: 'Prochains rendez-vous',
      empty: 'Aucun rendez-vous pour l’instant. Ils apparaîtront ici dès qu’ils seront pris.',
      action: 'Voir les rendez-vous',
    },
    payments: {
      title: 'Paiements',
      empty: 'Les factures des rendez-vous payants seront listées ici.',
      action: 'Voir les paiements',
    },
    team: {
      title: 'Votre équipe',
      body: 'Ajoutez les personnes de votre cabinet : des administrateurs qui gèrent l’agenda, des clients qui réservent.',
      action: 'Gérer les personnes',
    },
  },
  notAllowed: {
    title: 'Cet espace est réservé aux administrateurs',
    body: 'Votre compte n’a pas accès à cette page. Si vous pensez que c’est une erreur, demandez au propriétaire de votre cabinet.',
    back: 'Retour à mon espace',
  },
  notFound: {
    title: 'Page introuvable',
    body: 'La page que vous cherchez n’existe pas ou a été déplacée.',
    back: 'Aller à mon tableau de bord',
  },
  crash: {
    title: 'Une erreur est survenue',
    body: 'La page n’a pas pu s’afficher. Rechargez-la ; si cela persiste, contactez l’assistance.',
    reload: 'Recharger la page',
    updatedTitle: 'Rendezvous a été mis à jour',
    updatedBody:
      'Cet onglet utilise encore la version précédente. Rechargez la page pour continuer : rien de ce que vous avez enregistré n’est perdu.',
  },
  validation: {
    invalid: 'Vérifiez cette valeur.',
    required: 'Ce champ est obligatoire.',
    name: { too_small: 'Saisissez un nom.', too_big: 'Ce nom est trop long.' },
    email: { invalid_format: 'Saisissez une adresse e-mail valide.', too_big: 'Cet e-mail est trop long.' },
    password: {
      too_small: 'Utilisez au moins 8 caractères.',
      too_big: 'Utilisez au plus 128 caractères.',
    },
    organizationName: { too_small: 'Saisissez le nom de votre cabinet.', too_big: 'Ce nom est trop long.' },
    loginPassword: { too_small: 'Saisissez votre mot de passe.' },
    phone: { too_big: 'Ce numéro est trop long.' },
    email_taken: 'Un compte existe déjà avec cet e-mail.',
  },
  errors: {
    INVALID_EMAIL_OR_PASSWORD:
      'Cet e-mail et ce mot de passe ne correspondent pas. Vérifiez-les et réessayez.',
    EMAIL_TAKEN: 'Un compte existe déjà avec cet e-mail. Vous connecter plutôt ?',
    RATE_LIMITED: 'Trop de tentatives. Patientez une minute, puis réessayez.',
    NETWORK_ERROR: 'Impossible de joindre Rendezvous. Vérifiez votre connexion et réessayez.',
    VALIDATION_ERROR: 'Certains champs sont à corriger.',
    FORBIDDEN: 'Vous n’êtes pas autorisé à faire cela.',
    UNAUTHENTICATED: 'Votre session a expiré. Reconnectez-vous.',
    CONFLICT: 'Cela existe déjà.',
    OVERLAPPING_OPENING:
      'Ces horaires chevauchent une plage d’ouverture que ce praticien a déjà ce jour-là. Changez les horaires ou les jours, ou modifiez la plage existante.',
    NOT_A_STAFF_CALENDAR:
      'Cet agenda appartient à un client : ses événements ne peuvent pas bloquer le temps du cabinet.',
    generic: 'Une erreur est survenue. Réessayez dans un instant.',
  },
};
