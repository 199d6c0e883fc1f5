// Name material for the fictitious municipality Vlindermeer: common Flemish first and last
// names. Every combination is invented; any resemblance to a real candidate is chance.

export const FEMALE_FIRST_NAMES = [
  'Anne', 'An', 'Annelies', 'Astrid', 'Bieke', 'Charlotte', 'Els', 'Elke', 'Ellen', 'Emma', 'Evelien', 'Febe',
  'Fien', 'Greet', 'Griet', 'Hanne', 'Heidi', 'Ilse', 'Inge', 'Isabelle', 'Jana', 'Joke', 'Josée', 'Julie',
  'Karolien', 'Katrien', 'Kim', 'Laura', 'Lien', 'Liesbeth', 'Lieve', 'Linde', 'Lore', 'Louise', 'Lotte', 'Marie',
  'Marleen', 'Martine', 'Mieke', 'Nathalie', 'Nele', 'Noor', 'Petra', 'Rita', 'Ruth', 'Sarah', 'Sofie', 'Stefanie',
  'Tine', 'Valerie', 'Veerle', 'Wendy', 'Yasmina', 'Zoë', 'Céline', 'Anaïs', 'Hélène', 'Leen', 'Saar', 'Ine',
];

export const MALE_FIRST_NAMES = [
  'Arne', 'Bart', 'Ben', 'Bert', 'Bram', 'Dirk', 'Dries', 'Filip', 'Frank', 'Geert', 'Gert', 'Hans', 'Jan', 'Jef',
  'Jelle', 'Jeroen', 'Jo', 'Johan', 'Joris', 'Kevin', 'Koen', 'Kris', 'Lander', 'Lars', 'Lieven', 'Lucas', 'Luc',
  'Maarten', 'Marc', 'Mathias', 'Mohamed', 'Nick', 'Pieter', 'Peter', 'Raf', 'Robbe', 'Rudi', 'Senne', 'Stijn',
  'Thomas', 'Tom', 'Tuur', 'Vincent', 'Ward', 'Wim', 'Wout', 'Yves', 'Ziggy', 'Jonas', 'Sander', 'Seppe', 'Noël',
  'André', 'René', 'Jürgen', 'Ömer', 'Gilles', 'Michiel', 'Simon', 'Toon',
];

export const LAST_NAMES = [
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
  'Dubois', 'Hermans', 'Aerts', 'Pauwels', 'Vermeulen', 'Van den Broeck', 'Michiels', 'Lambrechts', 'Martens',
  'Van Damme', 'Desmet', 'Verbeke', 'Claeys', 'Vandenberghe', 'Smets', 'Van de Velde', 'Coppens', 'Cools',
  'Thys', 'Wuyts', 'Verhoeven', 'Stevens', 'De Clercq', 'Bogaerts', 'Segers', 'Leemans', 'Vermeersch', 'Hendrickx',
  'Van Dyck', 'De Backer', 'Verstraete', 'Van Hoof', 'Geerts', 'Mahieu', 'Declercq', 'Vanderstraeten', 'Baert',
  'De Wilde', 'Van Acker', 'Moens', 'Dewulf', 'Huybrechts', 'Lenaerts', 'Vervoort', 'Van Gucht', 'De Vos',
  'Deprez', 'Roels', 'Nijs', 'Verlinden', 'Van Looy', 'Bosmans', 'Van Hecke', 'Dierckx', 'Swinnen', 'Vandamme',
  'Heylen', 'Celis', "D'Hondt", 'Van Rompuy', 'De Meyer', 'Callens', 'Vanhoutte', 'El Amrani', 'Yilmaz', 'Özdemir',
  'Nowak', 'Rossi', 'Fernández', 'Van Thillo', 'Schepens', 'Gevers', 'Poelmans', 'Verschueren', 'Van Aelst',
  'Wyns', 'Daems', 'Moreels', 'Vercammen', 'De Ridder', 'Vanneste', 'Adriaens', 'Van Mol', 'Bracke', 'Engelen',
];
