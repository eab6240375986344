/**
 * Regions and their cities, weighted roughly by population: a French retailer with a few customers
 * in French-speaking neighbours. A city always belongs to its region. No value contains a comma,
 * so CSV fields need no quoting.
 */
export interface RegionSpec {
  region: string;
  weight: number;
  cities: readonly (readonly [city: string, weight: number])[];
}

export const REGIONS: readonly RegionSpec[] = [
  { region: 'Île-de-France', weight: 19, cities: [['Paris', 10], ['Boulogne-Billancourt', 1.2], ['Saint-Denis', 1.1], ['Versailles', 0.9], ['Montreuil', 1], ['Argenteuil', 0.9], ['Nanterre', 0.9]] },
  { region: 'Auvergne-Rhône-Alpes', weight: 12, cities: [['Lyon', 5], ['Grenoble', 1.6], ['Saint-Étienne', 1.5], ['Clermont-Ferrand', 1.4], ['Annecy', 1], ['Villeurbanne', 1.2]] },
  { region: "Provence-Alpes-Côte d'Azur", weight: 8, cities: [['Marseille', 5], ['Nice', 2.5], ['Toulon', 1.4], ['Aix-en-Provence', 1.2], ['Avignon', 0.8]] },
  { region: 'Occitanie', weight: 9, cities: [['Toulouse', 4.5], ['Montpellier', 2.8], ['Nîmes', 1.3], ['Perpignan', 1.1], ['Béziers', 0.7]] },
  { region: 'Nouvelle-Aquitaine', weight: 9, cities: [['Bordeaux', 4], ['Limoges', 1.2], ['Poitiers', 0.8], ['La Rochelle', 0.7], ['Pau', 0.7], ['Bayonne', 0.5]] },
  { region: 'Hauts-de-France', weight: 9, cities: [['Lille', 3.5], ['Amiens', 1.2], ['Roubaix', 0.9], ['Tourcoing', 0.8], ['Dunkerque', 0.8]] },
  { region: 'Grand Est', weight: 8, cities: [['Strasbourg', 2.8], ['Reims', 1.7], ['Metz', 1.2], ['Mulhouse', 1.1], ['Nancy', 1]] },
  { region: 'Pays de la Loire', weight: 6, cities: [['Nantes', 3.2], ['Angers', 1.5], ['Le Mans', 1.4], ['Saint-Nazaire', 0.6]] },
  { region: 'Bretagne', weight: 5, cities: [['Rennes', 2.2], ['Brest', 1.4], ['Quimper', 0.6], ['Lorient', 0.5], ['Vannes', 0.5]] },
  { region: 'Normandie', weight: 5, cities: [['Rouen', 1.2], ['Le Havre', 1.7], ['Caen', 1.1], ['Cherbourg-en-Cotentin', 0.8]] },
  { region: 'Bourgogne-Franche-Comté', weight: 4, cities: [['Dijon', 1.6], ['Besançon', 1.2], ['Belfort', 0.5], ['Chalon-sur-Saône', 0.5]] },
  { region: 'Centre-Val de Loire', weight: 4, cities: [['Tours', 1.4], ['Orléans', 1.2], ['Bourges', 0.6], ['Blois', 0.5]] },
  { region: 'Corse', weight: 0.5, cities: [['Ajaccio', 1], ['Bastia', 0.8]] },
  { region: 'Belgique', weight: 1.2, cities: [['Bruxelles', 2], ['Liège', 1], ['Namur', 0.5], ['Charleroi', 0.6]] },
  { region: 'Suisse romande', weight: 0.8, cities: [['Genève', 1.5], ['Lausanne', 1.2], ['Fribourg', 0.4]] },
  { region: 'Luxembourg', weight: 0.4, cities: [['Luxembourg', 1]] },
];

export const REGION_WEIGHTS: Float64Array = Float64Array.from(REGIONS, (r) => r.weight);
export const CITY_WEIGHTS: readonly Float64Array[] = REGIONS.map((r) => Float64Array.from(r.cities, (c) => c[1]));
