// Placeholder until the HTTP host lands.
return 0;
