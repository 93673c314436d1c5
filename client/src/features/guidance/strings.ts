// Guidance shown in a persona's empty fields and sections: placeholders, never content (issue 13).
// The B2B template's guidance is its old prompts and examples; a blank persona's is the plain hint.

export const guidanceEn = {
  'guidance.notStarted': 'Not started',
  'guidance.notStarted.hint': 'Nothing is written here yet: there is nothing to sign off.',

  'guidance.b2b.profile.role': 'e.g. Head of Operations',
  'guidance.b2b.profile.segment': 'e.g. Mid-market SaaS',
  'guidance.b2b.profile.companySize': 'e.g. 200–1,000 employees',
  'guidance.b2b.profile.location': 'e.g. Europe',

  'guidance.b2b.summary':
    'Two or three sentences a new sales rep could repeat after one read.\n• Who they are: title, team, who they report to\n• What they own: the budget, process or outcome they answer for\n• Why now: the trigger that puts them in the market',
  'guidance.b2b.goals':
    'What does success look like for them this year, in their own words?\n• Business goals: the number they are measured on, the project that would get them promoted\n• Personal goals: what would make their week easier, what they want to stop doing by hand',
  'guidance.b2b.pains':
    'Which problems cost them time, money or sleep? Back each one with evidence.\n• Daily friction: tools and handoffs that slow the team down\n• Hidden cost: what the problem costs if nothing changes\n• Risk: what goes wrong if they choose badly',
  'guidance.b2b.objections':
    'What do they say when they push back? Quote real calls where you can.\n• Price: “We already pay for something that almost does this.”\n• Timing: “Not this quarter.”\n• Effort: “My team has no time to switch tools.”\n• Trust: who they need to hear from before they believe you',
  'guidance.b2b.buyingProcess':
    'How does a deal move from first contact to signature?\n1. Trigger: what starts the search\n2. Research: where they look and who they ask\n3. Shortlist: how vendors are compared and by whom\n4. Decision: who signs, who can veto, and how long it takes\n• Buying committee: champion, economic buyer, IT and security, finance',
  'guidance.b2b.channels':
    'Where do they spend attention, and which channels have actually converted?\n• Communities, newsletters and events they trust\n• Search terms and content that brought them in\n• The best way to get a first meeting',
  'guidance.b2b.messaging':
    'The words that work with this buyer, tested in campaigns and calls.\n• Core message, in one sentence: for whom, what outcome, why us\n• Proof points: a customer result they recognise, a number marketing can stand behind\n• Words to avoid: jargon that made them tune out',
} as const;

export const guidanceEs: Readonly<Record<keyof typeof guidanceEn, string>> = {
  'guidance.notStarted': 'Sin empezar',
  'guidance.notStarted.hint': 'Aquí todavía no hay nada escrito: no hay nada que firmar.',

  'guidance.b2b.profile.role': 'p. ej. Director/a de Operaciones',
  'guidance.b2b.profile.segment': 'p. ej. SaaS para mediana empresa',
  'guidance.b2b.profile.companySize': 'p. ej. 200–1.000 empleados',
  'guidance.b2b.profile.location': 'p. ej. España',

  'guidance.b2b.summary':
    'Dos o tres frases que un comercial nuevo pueda repetir tras leerlas una vez.\n• Quién es: cargo, equipo y a quién reporta\n• De qué responde: el presupuesto, el proceso o el resultado que lleva\n• Por qué ahora: el detonante que le lleva a buscar una solución',
  'guidance.b2b.goals':
    '¿Cómo es el éxito para esta persona este año, con sus palabras?\n• Objetivos de negocio: la cifra por la que le miden, el proyecto que le haría ascender\n• Objetivos personales: lo que le haría la semana más fácil, lo que quiere dejar de hacer a mano',
  'guidance.b2b.pains':
    '¿Qué problemas le cuestan tiempo, dinero o sueño? Respalda cada uno con evidencia.\n• Fricción diaria: herramientas y traspasos que frenan al equipo\n• Coste oculto: lo que cuesta el problema si nada cambia\n• Riesgo: qué sale mal si elige mal',
  'guidance.b2b.objections':
    '¿Qué dice cuando pone pegas? Cita llamadas reales siempre que puedas.\n• Precio: «Ya pagamos por algo que casi hace esto».\n• Momento: «Este trimestre no».\n• Esfuerzo: «Mi equipo no tiene tiempo de cambiar de herramienta».\n• Confianza: a quién necesita oír antes de creerte',
  'guidance.b2b.buyingProcess':
    '¿Cómo avanza una operación desde el primer contacto hasta la firma?\n1. Detonante: qué pone en marcha la búsqueda\n2. Investigación: dónde busca y a quién pregunta\n3. Preselección: cómo se comparan los proveedores y quién lo hace\n4. Decisión: quién firma, quién puede vetar y cuánto tarda\n• Comité de compra: promotor, decisor económico, TI y seguridad, finanzas',
  'guidance.b2b.channels':
    '¿Dónde pone su atención y qué canales han convertido de verdad?\n• Comunidades, newsletters y eventos en los que confía\n• Búsquedas y contenidos que le trajeron hasta nosotros\n• La mejor forma de conseguir una primera reunión',
  'guidance.b2b.messaging':
    'Las palabras que funcionan con este comprador, probadas en campañas y llamadas.\n• Mensaje principal, en una frase: para quién, qué resultado, por qué nosotros\n• Pruebas: un resultado de cliente que reconozca, una cifra que marketing pueda defender\n• Palabras que evitar: la jerga que le hizo desconectar',
};
