/**
 * Words too common to ever be "emerging". Compared after lower-casing and stripping
 * accents (so "été" is listed as "ete"). Elisions (l', d', qu') are split off by the tokenizer.
 */
export const frenchStopWords: readonly string[] = `
a ai aie aient aies ait alors as au aucun aucune aussi autre autres aux avaient avais avait avant avec avez aviez avions
avoir avons ayant bah ben bien c ca car ce ceci cela celle celles celui ces cet cette ceux chaque chez ci comme comment d
dans de des deja depuis donc dont du elle elles en encore entre es est et etaient etais etait etant ete etes etre eu eux
fait faire fais faut fois font hein ici il ils j je jusqu l la le les leur leurs lui m ma mais me meme memes mes moi mon
n ne ni non nos notre nous o on ont ou oui par parce pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels
qui quoi s sa sans se ses si sien soit son sont sous suis sur t ta te tes toi ton tous tout toute toutes tres tu un une
vers voici voila vos votre vous vu y c'est trop tjrs apres ya cest jsuis mdr ptdr lol
`
  .split(/\s+/u)
  .filter(Boolean);

export const englishStopWords: readonly string[] = `
a about above after again against all am an and any are aren as at be because been before being below between both but by
can cannot could couldn d did didn do does doesn doing don down during each few for from further had hadn has hasn have
haven having he her here hers herself him himself his how i if in into is isn it its itself just ll m me more most mustn my
myself no nor not now o of off on once only or other our ours ourselves out over own re s same she should shouldn so some
such t than that the their theirs them themselves then there these they this those through to too under until up ve very
was wasn we were weren what when where which while who whom why will with won would wouldn y you your yours yourself
yourselves get got like lol rt via amp im dont its gonna
`
  .split(/\s+/u)
  .filter(Boolean);

export const stopWords: ReadonlySet<string> = new Set([...frenchStopWords, ...englishStopWords]);
