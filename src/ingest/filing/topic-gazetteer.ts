// Small word lists for topic extraction: places, central banks, and the cues around names. Kept
// short and general (countries, states, financial centres); a site adds its own through options.

/** Countries, regions, US states and large cities, as newsrooms write them. */
export const PLACES: readonly string[] = [
  // Countries and unions
  'Argentina', 'Australia', 'Austria', 'Bangladesh', 'Belgium', 'Brazil', 'Britain', 'Canada', 'Chile', 'China', 'Colombia',
  'Czech Republic', 'Denmark', 'Egypt', 'Estonia', 'Ethiopia', 'Finland', 'France', 'Germany', 'Ghana', 'Greece', 'Hong Kong',
  'Hungary', 'Iceland', 'India', 'Indonesia', 'Iran', 'Iraq', 'Ireland', 'Israel', 'Italy', 'Japan', 'Kazakhstan', 'Kenya',
  'Kuwait', 'Latvia', 'Lithuania', 'Luxembourg', 'Malaysia', 'Mexico', 'Morocco', 'Netherlands', 'New Zealand', 'Nigeria',
  'Norway', 'Pakistan', 'Peru', 'Philippines', 'Poland', 'Portugal', 'Qatar', 'Romania', 'Russia', 'Saudi Arabia', 'Singapore',
  'South Africa', 'South Korea', 'Spain', 'Sweden', 'Switzerland', 'Taiwan', 'Thailand', 'Turkey', 'Ukraine',
  'United Arab Emirates', 'United Kingdom', 'United States', 'Vietnam', 'European Union',
  // Regions and seas
  'Africa', 'Asia', 'Europe', 'Latin America', 'Middle East', 'North America', 'South America', 'Scandinavia', 'North Sea',
  'Gulf of Mexico', 'Persian Gulf', 'Red Sea', 'Baltic', 'Arctic', 'Silicon Valley', 'Wall Street', 'British Columbia', 'Asturias',
  // US states
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii',
  'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan',
  'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico',
  'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina',
  'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming',
  // Cities
  'Amsterdam', 'Antwerp', 'Athens', 'Atlanta', 'Bangkok', 'Barcelona', 'Beijing', 'Berlin', 'Boston', 'Brussels', 'Buenos Aires',
  'Cairo', 'Charlotte', 'Chicago', 'Copenhagen', 'Dallas', 'Denver', 'Detroit', 'Dubai', 'Dublin', 'Edinburgh', 'Frankfurt',
  'Geneva', 'Hamburg', 'Helsinki', 'Houston', 'Istanbul', 'Jakarta', 'Johannesburg', 'Lagos', 'Lisbon', 'London', 'Los Angeles',
  'Madrid', 'Manchester', 'Melbourne', 'Memphis', 'Miami', 'Milan', 'Minneapolis', 'Montreal', 'Moscow', 'Mumbai', 'Munich',
  'Nairobi', 'New Delhi', 'New York', 'Osaka', 'Oslo', 'Paris', 'Philadelphia', 'Phoenix', 'Portland', 'Prague', 'Riyadh',
  'Rome', 'Rotterdam', 'San Francisco', 'San Jose', 'Santiago', 'Sao Paulo', 'São Paulo', 'Seattle', 'Seoul', 'Shanghai',
  'Shenzhen', 'Stockholm', 'Stuttgart', 'Sydney', 'Tokyo', 'Toronto', 'Vancouver', 'Vienna', 'Warsaw', 'Zurich',
];

/** Central banks and other public bodies that move markets, always organisations. */
export const INSTITUTIONS: readonly string[] = [
  'Federal Reserve', 'European Central Bank', 'Bank of England', 'Bank of Japan', 'Bank of Canada', "People's Bank of China",
  'Reserve Bank of Australia', 'Reserve Bank of India', 'Reserve Bank of New Zealand', 'Swiss National Bank', 'Riksbank',
  'Norges Bank', 'Bundesbank', 'Banque de France', 'Bank of Korea', 'Central Bank of Brazil', 'Bank for International Settlements',
  'International Monetary Fund', 'IMF', 'World Bank', 'OPEC', 'European Commission', 'Securities and Exchange Commission', 'SEC',
  'Financial Conduct Authority', 'Treasury', 'ECB', 'Fed',
];

/** Words that end an organisation's name. */
export const ORGANISATION_SUFFIXES: ReadonlySet<string> = new Set([
  'Inc', 'Inc.', 'Corp', 'Corp.', 'Corporation', 'Ltd', 'Ltd.', 'Limited', 'LLC', 'LLP', 'plc', 'PLC', 'AG', 'SA', 'SE', 'NV', 'BV',
  'AB', 'ASA', 'Oyj', 'SpA', 'GmbH', 'Co', 'Co.', 'Group', 'Holdings', 'Bank', 'Capital', 'Partners', 'Securities', 'Investors',
  'Industries', 'Motors', 'Energy', 'Resources', 'Minerals', 'Mining', 'Airlines', 'Airways', 'Air', 'Systems', 'Technologies',
  'Labs', 'Pharmaceuticals', 'Pharma', 'Foods', 'Stores', 'Homes', 'Properties', 'Logistics', 'Freight', 'Line', 'Tankers',
  'Steel', 'Metals', 'Power', 'Grid', 'Semiconductor', 'Microsystems', 'Research', 'Institute', 'Union', 'Alliance', 'Ventures',
  'Management', 'Financial', 'Savings', 'Insurance', 'Commission', 'Authority', 'Office', 'Bureau', 'Ministry', 'Agency',
  'Council', 'Fund', 'Exchange', 'Economics', 'Automotive', 'Timber', 'Commodities', 'Data', 'Security', 'Kitchens',
]);

/** Words that put a person's name after them ("chief executive Ingrid Vass", "Mr Fell"). */
export const PERSON_CUES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'executive', 'ceo', 'cfo', 'coo', 'chair', 'chairman',
  'chairwoman', 'president', 'governor', 'minister', 'secretary', 'director', 'founder', 'analyst', 'economist', 'strategist',
  'head', 'manager', 'spokesperson', 'spokesman', 'spokeswoman', 'senator', 'chancellor', 'commissioner', 'partner', 'officer',
  'treasurer', 'editor', 'trader', 'investor', 'boss', 'chief',
]);

/** Verbs after a name that say a person spoke ("Vass said"). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(['said', 'says', 'told', 'added', 'wrote', 'argued', 'warned', 'noted', 'explained', 'recalled', 'predicted']);

/** Capitalised words that begin sentences and are not names on their own. */
export const COMMON_CAPITALISED: ReadonlySet<string> = new Set(
  ('The A An And But Or If In On At For From By With Without As Of To Into After Before While When Where Why How What Which Who ' +
    'This That These Those There Here It Its We Our They Their He She His Her I You Some Many Most Several All Both Each Every ' +
    'Analysts Shares Investors Officials Sales Profits Prices Rates Revenue Markets Companies Customers Workers Executives Traders ' +
    'Economists Consumers Banks Lenders Retailers Airlines Ports Data Figures Orders Demand Supply Output Costs Growth Inflation ' +
    'However Meanwhile Still Yet Also Even Only Just More Less Much Such Not No Yes Last Next First Second Third One Two Three ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September ' +
    'October November December Q1 Q2 Q3 Q4 CEO CFO US UK EU AI Mr Mrs Ms Dr Chief Executive Sample Update Brief Series').split(' '),
);
