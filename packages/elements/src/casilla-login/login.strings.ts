import type { Translations } from "../controllers/localize.js"

const es = {
  title: "Iniciar sesión",
  who: "Ingreso como",
  receptor: "Administrado (casilla electrónica)",
  internal: "Usuario interno (CGR / OCI)",
  documentType: "Tipo de documento",
  dni: "DNI (persona natural)",
  ruc: "RUC (entidad o persona jurídica)",
  number: "Número de documento",
  userCode: "Código de usuario",
  userCodeHint: "U… para personal de la CGR, E… para personal de OCI o de la entidad",
  password: "Contraseña",
  captcha: "Código de seguridad",
  captchaImage: "Imagen con el código de seguridad",
  captchaAnswer: "Escriba el código de la imagen",
  newCaptcha: "Otro código",
  submit: "Ingresar",
  forgot: "¿Olvidó su contraseña?",
  resetTitle: "Restablecer contraseña",
  resetHelp: "Indique su documento o código de usuario. Le enviaremos un correo con las instrucciones.",
  resetSubmit: "Enviar instrucciones",
  resetDone: "Si los datos corresponden a una cuenta registrada, recibirá un correo con las instrucciones para crear una nueva contraseña.",
  backToLogin: "Volver al inicio de sesión",
  required: "Complete este campo.",
  badNumber: "El número de documento no es válido.",
  badUserCode: "El código de usuario no es válido.",
  busy: "Verificando…",
  failed: "No se pudo iniciar sesión. Intente de nuevo.",
  session: "Sesión",
  signedInAs: (name: string) => `Sesión iniciada: ${name}`,
  signOut: "Cerrar sesión",
  signingOut: "Cerrando sesión…",
  signedOut: "Cerró su sesión."
}

/**
 * The texts of `<casilla-login>`, es-PE first and English complete.
 *
 * @since 0.2.0
 * @category i18n
 */
export const casillaLoginStrings: Translations<typeof es> = {
  "es-PE": es,
  en: {
    title: "Sign in",
    who: "Sign in as",
    receptor: "Citizen or entity (electronic casilla)",
    internal: "Internal user (CGR / OCI)",
    documentType: "Document type",
    dni: "DNI (natural person)",
    ruc: "RUC (entity or legal person)",
    number: "Document number",
    userCode: "User code",
    userCodeHint: "U… for CGR staff, E… for OCI or entity staff",
    password: "Password",
    captcha: "Security code",
    captchaImage: "Image with the security code",
    captchaAnswer: "Type the code in the image",
    newCaptcha: "Another code",
    submit: "Sign in",
    forgot: "Forgot your password?",
    resetTitle: "Reset password",
    resetHelp: "Give your document or user code. We will send you an e-mail with instructions.",
    resetSubmit: "Send instructions",
    resetDone: "If the details match a registered account, you will receive an e-mail with instructions to create a new password.",
    backToLogin: "Back to sign in",
    required: "Fill in this field.",
    badNumber: "The document number is not valid.",
    badUserCode: "The user code is not valid.",
    busy: "Checking…",
    failed: "Could not sign in. Try again.",
    session: "Session",
    signedInAs: (name: string) => `Signed in: ${name}`,
    signOut: "Sign out",
    signingOut: "Signing out…",
    signedOut: "You signed out."
  }
}
