// The few host globals the engine may use: present in Web Workers and in Node alike.
declare function structuredClone<T>(value: T): T;
