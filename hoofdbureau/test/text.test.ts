// Dutch as it is written on the screens and the PV: no "lijsten 1 en 2 en 4 en 5".
import t from 'tap';
import { andList } from '../src/text/list.ts';

t.equal(andList([]), '');
t.equal(andList([1]), '1');
t.equal(andList([1, 2]), '1 en 2');
t.equal(andList([1, 2, 4, 5]), '1, 2, 4 en 5');
